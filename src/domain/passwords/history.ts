import { timingSafeEqual } from "node:crypto";
import type { PasswordHistory } from "../users/types.js";
import type { Random } from "../random.js";
import type { PasswordHasher } from "./hasher.js";

/** The largest PasswordHistorySize Cognito allows: remembering this many lets a pool raise its size later. */
export const MAX_REMEMBERED_PASSWORDS = 24;
const HISTORY_SALT_BYTES = 16;

/** What setting a password means for the history, from the one slow digest it costs. */
export interface HistoryOutcome {
  /** The password is the current one or one of the previous `historySize − 1`. */
  recent: boolean;
  /** The history once the password is set: its digest first, at most MAX_REMEMBERED_PASSWORDS kept. */
  history: PasswordHistory;
}

/**
 * Weighs a password about to be set against the history: one slow digest answers both whether it is recent
 * and what to remember. Undefined when the pool keeps no history (size 0): nothing hashed, nothing
 * remembered, so enabling a history later starts from the next password.
 */
export async function weighAgainstHistory(
  hasher: PasswordHasher,
  random: Random,
  history: PasswordHistory | undefined,
  password: string,
  historySize: number,
): Promise<HistoryOutcome | undefined> {
  if (historySize <= 0) return undefined;
  const salt = history?.salt ?? random.bytes(HISTORY_SALT_BYTES).toString("hex");
  const digest = await hasher.digest(password, Buffer.from(salt, "hex"));
  const remembered = history?.digests ?? [];
  return {
    recent: isAmong(digest, remembered.slice(0, historySize)),
    history: { salt, digests: [digest, ...remembered].slice(0, MAX_REMEMBERED_PASSWORDS) },
  };
}

/** Compares against every remembered digest in constant time, so the time taken says nothing of where it matched. */
function isAmong(digestHex: string, remembered: readonly string[]): boolean {
  const candidate = Buffer.from(digestHex, "hex");
  let found = false;
  for (const digest of remembered) {
    const other = Buffer.from(digest, "hex");
    if (other.length === candidate.length && timingSafeEqual(other, candidate)) found = true;
  }
  return found;
}
