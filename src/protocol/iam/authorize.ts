import { accessDenied } from "../../errors/catalogue.js";
import type { Caller } from "../sigv4/verify.js";
import { policyAllows } from "./policy.js";

/**
 * The resource a signed request acts on, as IAM names it: the pool's ARN when the request names a pool
 * (in the region it addresses), the ARN it names for tagging operations, else `*` (CreateUserPool,
 * ListUserPools).
 */
export function requestResource(input: Record<string, unknown>, region: string, accountId: string): string {
  if (typeof input.UserPoolId === "string") return `arn:aws:cognito-idp:${region}:${accountId}:userpool/${input.UserPoolId}`;
  if (typeof input.ResourceArn === "string") return input.ResourceArn;
  return "*";
}

/** Secure mode: the verified caller's policy must allow `cognito-idp:<operation>` on the resource. */
export function authorize(caller: Caller, operation: string, input: Record<string, unknown>): void {
  if (caller.credential === undefined) return;
  const resource = requestResource(input, caller.region, caller.accountId);
  if (!policyAllows(caller.credential.policy, `cognito-idp:${operation}`, resource)) {
    throw accessDenied(caller.arn, operation, resource);
  }
}
