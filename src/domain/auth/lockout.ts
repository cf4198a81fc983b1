import { passwordAttemptsExceeded } from "../../errors/catalogue.js";
import type { UserRecord } from "../users/types.js";
import type { Store } from "../ports/store.js";
import type { SignInFailures } from "./types.js";

/** Failed sign-ins allowed before the first lock. */
const FAILURES_BEFORE_LOCK = 5;
const LONGEST_LOCK_MS = 15 * 60 * 1000;
/** A count whose last failure is older than this starts again. */
const FAILURE_MEMORY_MS = 15 * 60 * 1000;

/**
 * Until when the failures lock the user out: after the n-th consecutive failure (n ≥ 5), for 2^(n−5)
 * seconds, at most 15 minutes. Undefined when there is no lock (too few failures, or forgotten ones).
 */
export function lockedUntil(failures: SignInFailures | undefined, now: Date): Date | undefined {
  if (failures === undefined || failures.count < FAILURES_BEFORE_LOCK) return undefined;
  if (failures.lastFailureAt.getTime() < now.getTime() - FAILURE_MEMORY_MS) return undefined;
  const lockMs = Math.min(2 ** (failures.count - FAILURES_BEFORE_LOCK) * 1000, LONGEST_LOCK_MS);
  return new Date(failures.lastFailureAt.getTime() + lockMs);
}

/**
 * Refuses a sign-in while the user is locked out, before any password is looked at; the attempt neither
 * counts nor extends the lock. Returns the failures counted so far (to clear them after a success).
 */
export async function checkNotLockedOut(store: Store, user: UserRecord, now: Date): Promise<SignInFailures | undefined> {
  const failures = await store.users.signInFailures(user.poolId, user.username);
  const until = lockedUntil(failures, now);
  if (until !== undefined && now.getTime() < until.getTime()) throw passwordAttemptsExceeded();
  return failures;
}

/** Counts one more failed sign-in, in the store so that every instance sees it. */
export async function recordFailedSignIn(store: Store, user: UserRecord, now: Date): Promise<void> {
  await store.users.recordSignInFailure(user.poolId, user.username, now, new Date(now.getTime() - FAILURE_MEMORY_MS));
}
