import type { CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { attemptLimitExceeded, codeMismatch, expiredCode } from "../../errors/catalogue.js";
import { messageToSend, type MessageCall } from "../triggers/messageTriggers.js";
import { deliverMessage, type MessageDraft } from "../messages/outbox.js";
import { newVerificationCode, verificationText } from "../messages/templates.js";
import type { MessageKind } from "../messages/types.js";
import type { PasswordHasher } from "../passwords/hasher.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { UserDeps } from "../users/deps.js";
import type { UserRecord } from "../users/types.js";
import type { Store } from "../ports/store.js";
import { codeTarget, deliveryDetails, pendingValueTarget, type CodeTarget } from "./delivery.js";
import type { CodePurpose, PendingCodeRecord } from "./types.js";


const HOUR_MS = 60 * 60 * 1000;

/** Sign-up and attribute codes last 24 hours, password-reset codes one hour, as Cognito documents. */
const LIFETIME_MS: Record<CodePurpose, number> = {
  signup: 24 * HOUR_MS,
  reset: HOUR_MS,
  "verify:email": 24 * HOUR_MS,
  "verify:phone_number": 24 * HOUR_MS,
};

/** Wrong guesses a code survives; the next attempt, right or wrong, is refused until a new code is sent. */
export const MAX_FAILED_ATTEMPTS = 5;

/** The outbox kind of each purpose's message, unless the caller names another. */
const DEFAULT_KIND: Record<CodePurpose, MessageKind> = {
  signup: "signup",
  reset: "forgot-password",
  "verify:email": "verify-attribute",
  "verify:phone_number": "verify-attribute",
};

export interface CodeRequest {
  pool: UserPoolRecord;
  user: UserRecord;
  purpose: CodePurpose;
  now: Date;
  /** The outbox kind; by default signup, forgot-password or verify-attribute after the purpose. */
  kind?: MessageKind;
  /**
   * For an attribute code: a new value, held back until verified, to send the code to instead of the
   * current one; verifying the code applies it (see PendingCodeRecord).
   */
  pendingValue?: string;
  /** Who asked, for the CustomMessage trigger. */
  call?: MessageCall;
}

/** A code made and hashed, not yet stored or sent: see newCode. */
export interface PreparedCode {
  record: PendingCodeRecord;
  message: MessageDraft;
  details: CodeDeliveryDetailsType;
}

/**
 * Makes a six-digit code for the user and the message carrying it, doing the slow work (one argon2id hash)
 * so that deliverCode can then run inside a transaction without holding it open. Only a salted, slow digest
 * of the code is kept: six digits are a million guesses, which a fast digest would give up at once to anyone
 * reading the database. The digest also binds the destination, so a code proves the value it was sent to
 * and nothing else: if the attribute changes meanwhile, the code no longer matches.
 * The user must have somewhere to receive it (codeTarget): callers check that first.
 */
export async function newCode(deps: UserDeps, request: CodeRequest): Promise<PreparedCode> {
  const { pool, user, purpose, now } = request;
  const target = request.pendingValue === undefined ? codeTarget(pool, user, purpose) : pendingValueTarget(purpose, request.pendingValue);
  if (target === undefined) throw new Error(`no destination for a ${purpose} code: check codeTarget before sending`);
  const code = newVerificationCode(deps.random);
  const kind = request.kind ?? DEFAULT_KIND[purpose];
  const text = await messageToSend(deps, pool, {
    kind,
    user,
    channel: target.channel,
    code,
    text: verificationText(pool, target.channel, code),
    ...(request.call === undefined ? {} : { call: request.call }),
  });
  return {
    record: {
      poolId: pool.id,
      username: user.username,
      purpose,
      digest: await deps.hasher.hash(boundCode(target, code)),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
      failedAttempts: 0,
      ...(request.pendingValue === undefined ? {} : { pendingValue: request.pendingValue }),
    },
    message: {
      poolId: pool.id,
      username: user.username,
      channel: target.channel,
      destination: target.destination,
      ...text,
      code,
      kind,
    },
    details: deliveryDetails(target),
  };
}

/**
 * Stores a prepared code, replacing the user's earlier code of that purpose (and its failed attempts), and
 * puts its message in the outbox, both through `tx`. Returns the delivery details the API reports.
 */
export async function deliverCode(deps: UserDeps, tx: Store, prepared: PreparedCode): Promise<CodeDeliveryDetailsType> {
  await tx.codes.put(prepared.record);
  await deliverMessage(deps, tx, prepared.message, prepared.record.createdAt);
  return prepared.details;
}

export interface CodeCheck {
  pool: UserPoolRecord;
  user: UserRecord;
  purpose: CodePurpose;
  /** The code as the user typed it. */
  code: string;
  now: Date;
}

/**
 * Checks a code the user typed against their pending code of that purpose. No code pending (never sent, used,
 * or replaced): `ExpiredCodeException`, as Cognito answers a ConfirmForgotPassword without a ForgotPassword.
 * Then too many failures: `LimitExceededException`; past its time: `ExpiredCodeException`; wrong:
 * `CodeMismatchException`, counted atomically (whichever instance answers). Costs one argon2id verification.
 *
 * A code carrying a pending value (see PendingCodeRecord) was sent to that value and is checked against it.
 *
 * Success consumes nothing: the caller makes its change and calls useCode in one transaction, so that a
 * change refused after the check (a password against the policy, an alias someone holds) leaves the code usable.
 * Returns the code accepted, whose pending value the caller applies.
 */
export async function checkCode(deps: UserDeps, check: CodeCheck): Promise<PendingCodeRecord> {
  const { pool, user, purpose, code, now } = check;
  const pending = await deps.store.codes.get(pool.id, user.username, purpose);
  if (pending === undefined) throw expiredCode();
  if (pending.failedAttempts >= MAX_FAILED_ATTEMPTS) throw attemptLimitExceeded();
  if (pending.expiresAt.getTime() <= now.getTime()) throw expiredCode();
  const target = pending.pendingValue === undefined ? codeTarget(pool, user, purpose) : pendingValueTarget(purpose, pending.pendingValue);
  if (target === undefined || !(await deps.hasher.verify(pending.digest, boundCode(target, code)))) {
    await deps.store.codes.recordFailedAttempt(pool.id, user.username, purpose);
    throw codeMismatch();
  }
  return pending;
}

/**
 * Uses up a code checkCode accepted, inside the transaction that applies its effect. Of several requests
 * presenting the same code at once only one finds it still there; the others get `ExpiredCodeException`.
 */
export async function useCode(tx: Store, user: UserRecord, purpose: CodePurpose): Promise<void> {
  if (!(await tx.codes.delete(user.poolId, user.username, purpose))) throw expiredCode();
}

/** One digest per hasher, made as a real code's is, for imitateCodeCheck to verify against. */
const standInDigests = new WeakMap<PasswordHasher, Promise<string>>();

/**
 * The slow work of checking a code, spent where PreventUserExistenceErrors answers for a user who cannot
 * have one (unknown, disabled), so that the answer takes as long as a real mismatch.
 */
export async function imitateCodeCheck(deps: Pick<UserDeps, "hasher">, code: string): Promise<void> {
  let standIn = standInDigests.get(deps.hasher);
  if (standIn === undefined) {
    standIn = deps.hasher.hash("cognate: no such code");
    standInDigests.set(deps.hasher, standIn);
  }
  await deps.hasher.verify(await standIn, code);
}

/** The slow work of making a code, spent where PreventUserExistenceErrors pretends to send one. */
export async function imitateNewCode(deps: Pick<UserDeps, "hasher" | "random">): Promise<void> {
  await deps.hasher.hash(newVerificationCode(deps.random));
}

/** What the digest covers: the destination, then the code (a NUL cannot occur in either). */
function boundCode(target: CodeTarget, code: string): string {
  return `${target.destination}\u0000${code}`;
}
