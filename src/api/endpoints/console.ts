import { createHmac, timingSafeEqual } from "node:crypto";
import type { AuditEvent, AuditQuery } from "../../domain/audit/types.js";
import type { OutboxMessage } from "../../domain/messages/types.js";
import type { PageResult } from "../../domain/ports/store.js";
import { requirePoolInAnyRegion } from "../../domain/pools/userPool.js";
import { consoleAccessDenied, rateExceeded } from "../../errors/catalogue.js";
import { takeCategoryRate } from "../throttle/throttle.js";
import { policyAllows } from "../../protocol/iam/policy.js";
import type { Credential, CredentialSet } from "../../protocol/sigv4/credentials.js";
import type { Caller } from "../../protocol/sigv4/verify.js";
import type { Deps, RequestContext } from "../types.js";

/*
 * The admin console's own answers (docs/behaviour.md, "The admin console"): who the browser is, and the
 * views that are not Cognito operations (the audit trail, the dev-mode outbox). Everything the console
 * changes goes through the pipeline as an operation, under the caller these functions name.
 */

/** How long a console sign-in lasts. */
export const CONSOLE_SESSION_SECONDS = 8 * 60 * 60;

/** The access key id the dev-mode console signs as: its ARN is `…:user/console`. */
const DEV_CONSOLE_KEY = "console";

/**
 * Secure mode: a session for the credential whose access key id and secret were typed, or undefined when
 * they do not match one. The session is `<access key id>.<expiry>.<HMAC under the credential's secret>`:
 * any instance can check it, and changing the secret in the credentials file ends it. Attempts count against
 * the UserAuthentication quota, as sign-ins do (TooManyRequestsException beyond it).
 */
export async function consoleSignIn(
  deps: Deps,
  credentials: CredentialSet,
  attempt: { accessKeyId: string; secretAccessKey: string; region: string; now: Date },
): Promise<{ session: string; expiresAt: Date } | undefined> {
  const { accessKeyId, secretAccessKey, now } = attempt;
  // Quotas count real seconds, as the API pipeline's do.
  if (!(await takeCategoryRate(deps.store.rateLimits, deps.rateLimits, "UserAuthentication", attempt.region, new Date()))) throw rateExceeded();
  const credential = credentials.byAccessKeyId(accessKeyId);
  if (credential === undefined || !sameText(credential.secretAccessKey, secretAccessKey)) return undefined;
  const expires = Math.floor(now.getTime() / 1000) + CONSOLE_SESSION_SECONDS;
  return { session: `${accessKeyId}.${expires}.${sessionMac(credential, expires)}`, expiresAt: new Date(expires * 1000) };
}

/** The caller a session cookie stands for; undefined when it is absent, forged, expired or its key is gone. */
export function consoleSessionCaller(
  credentials: CredentialSet,
  account: { accountId: string; region: string },
  session: string | undefined,
  now: Date,
): Caller | undefined {
  const [accessKeyId, expiresText, mac, extra] = (session ?? "").split(".");
  if (accessKeyId === undefined || expiresText === undefined || mac === undefined || extra !== undefined) return undefined;
  const expires = /^\d{1,12}$/.test(expiresText) ? Number(expiresText) : 0;
  if (expires * 1000 <= now.getTime()) return undefined;
  const credential = credentials.byAccessKeyId(accessKeyId);
  if (credential === undefined || !sameText(sessionMac(credential, expires), mac)) return undefined;
  return { accessKeyId, ...account, arn: `arn:aws:iam::${account.accountId}:user/${credential.name}`, credential };
}

/** Dev mode: the console's requests are signed by nobody; the audit trail names them `…:user/console`. */
export function devConsoleCaller(account: { accountId: string; region: string }): Caller {
  return { accessKeyId: DEV_CONSOLE_KEY, ...account, arn: `arn:aws:iam::${account.accountId}:user/${DEV_CONSOLE_KEY}` };
}

/** The IAM action that lets a secure-mode console credential read the audit trail (a policy's `*` includes it). */
export const READ_AUDIT_ACTION = "cognate:ListAuditEvents";

/**
 * One page of the audit trail, newest first. It spans every pool, so in secure mode the caller's policy
 * must allow READ_AUDIT_ACTION on `*`.
 */
export function consoleAuditPage(deps: Deps, ctx: RequestContext, query: Omit<AuditQuery, "newestFirst">): Promise<PageResult<AuditEvent>> {
  const caller = ctx.caller;
  if (caller?.credential !== undefined && !policyAllows(caller.credential.policy, READ_AUDIT_ACTION, "*")) {
    throw consoleAccessDenied(caller.arn, READ_AUDIT_ACTION);
  }
  return deps.store.audit.list({ ...query, newestFirst: true });
}

/** The latest messages, newest first, of one pool or of all; an unknown pool is ResourceNotFoundException. */
export async function consoleOutbox(deps: Deps, query: { poolId?: string; limit: number }): Promise<OutboxMessage[]> {
  if (query.poolId !== undefined) await requirePoolInAnyRegion(deps.store, query.poolId);
  return deps.store.outbox.list({ ...query, newestFirst: true });
}

function sessionMac(credential: Credential, expires: number): string {
  return createHmac("sha256", credential.secretAccessKey).update(`cognate-console:${credential.accessKeyId}:${expires}`).digest("base64url");
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
