import { timingSafeEqual } from "node:crypto";
import type { PasswordHistory } from "../users/types.js";
import type { Random } from "../random.js";
import type { PasswordHasher } from "./hasher.js";

export const PASSWORD_HISTORY_VIOLATION_MESSAGE = "The password has been used too recently.";
/** The largest PasswordHistorySize Cognito allows: remembering this many lets a pool raise its size later. */
export const MAX_REMEMBERED_PASSWORDS = 24;
const HISTORY_SALT_BYTES = 16;

/**
 * Whether `password` is the current password or one of the previous `historySize − 1` (digests[0] is the
 * current one). One slow hash whatever the size; every remembered digest is compared in constant time.
 */
export async function isRecentPassword(
  hasher: PasswordHasher,
  history: PasswordHistory | undefined,
  password: string,
  historySize: number,
): Promise<boolean> {
  if (history === undefined || historySize <= 0 || history.digests.length === 0) return false;
  const candidate = Buffer.from(await hasher.digest(password, Buffer.from(history.salt, "hex")), "hex");
  let found = false;
  for (const digest of history.digests.slice(0, historySize)) {
    const remembered = Buffer.from(digest, "hex");
    if (remembered.length === candidate.length && timingSafeEqual(remembered, candidate)) found = true;
  }
  return found;
}

/**
 * The history after `password` is set: its digest first, at most MAX_REMEMBERED_PASSWORDS kept. A pool
 * without a history policy keeps none (and pays no hash); enabling one later starts from the next password.
 */
export async function rememberPassword(
  hasher: PasswordHasher,
  random: Random,
  history: PasswordHistory | undefined,
  password: string,
  historySize: number,
): Promise<PasswordHistory | undefined> {
  if (historySize <= 0) return undefined;
  const salt = history?.salt ?? random.bytes(HISTORY_SALT_BYTES).toString("hex");
  const digest = await hasher.digest(password, Buffer.from(salt, "hex"));
  return { salt, digests: [digest, ...(history?.digests ?? [])].slice(0, MAX_REMEMBERED_PASSWORDS) };
}
