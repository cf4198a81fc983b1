import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError } from "../../errors/cognitoError.js";
import { FrameworkError } from "../../errors/frameworkError.js";
import type { Refusable } from "../../web/console/index.js";
import type { ConsoleCall, ConsoleRouter, Form } from "./plumbing.js";

/** The largest page ListUsers, ListUserPools, ListGroups, ListUserPoolClients and AdminListDevices give. */
export const PAGE = 60;

export const POOL = "/console/pools/:poolId";

/** The pool (DescribeUserPool, so a refused read shows Cognito's words) and the frame of its pages. */
export async function describedPool(call: ConsoleCall, poolId: string, current: string, title?: string) {
  const described = await call.call("DescribeUserPool", { UserPoolId: poolId });
  const pool = described.UserPool as UserPoolType & { Id: string };
  const frame = call.frame(title ?? pool.Name ?? pool.Id, { current, pool: { id: pool.Id, ...(pool.Name === undefined ? {} : { name: pool.Name }) } });
  return { pool, frame };
}

/** UpdateUserPool with every other setting kept (UpdateUserPool resets what it is not given). */
export async function updatePool(call: ConsoleCall, poolId: string, change: (pool: UserPoolType) => Partial<UserPoolType>): Promise<void> {
  const { pool } = await describedPool(call, poolId, "pool");
  await call.call("UpdateUserPool", { ...call.app.console.updateRequestKeeping(pool), ...change(pool) } as never);
}

/** The page `path` again, with a message that says why nothing happened. */
export async function reshow(call: ConsoleCall, path: string, router: ConsoleRouter, params: Record<string, string>, error: string): Promise<string> {
  call.error = error;
  return router.load(path, call, params);
}

export function poolPath(poolId: string): string {
  return `/console/pools/${encodeURIComponent(poolId)}`;
}

export function userPath(poolId: string, username: string): string {
  return `${poolPath(poolId)}/users/${encodeURIComponent(username)}`;
}

export function one(form: Form, name: string): string {
  return form[name]?.[0] ?? "";
}

export function checked(form: Form, name: string): boolean {
  return form[name] !== undefined && form[name]!.length > 0;
}

/** The field as a number; text that is not one goes to the operation as it is, whose validator refuses it. */
export function integer(form: Form, name: string): number {
  const text = one(form, name).trim();
  return (/^-?\d{1,9}$/.test(text) ? Number(text) : text) as number;
}

export function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== "");
}

/**
 * A read for one section of a page that the caller's policy may deny: the answer, or the refusal in Cognito's
 * words, so that a credential allowed to read a user but not their devices still sees the user.
 */
export async function refusable<T>(read: Promise<T>): Promise<Refusable<T>> {
  try {
    return { answer: await read };
  } catch (error) {
    if ((error instanceof CognitoError || error instanceof FrameworkError) && error.type === "AccessDeniedException") {
      return { refused: `${error.type}: ${error.message}` };
    }
    throw error;
  }
}
