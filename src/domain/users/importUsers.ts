import {
  importMfaEnabledNotBoolean,
  importRowFieldCount,
  importUsernameDiffers,
  importUsernameEmpty,
  importUsernameInvalid,
  importUserUnverified,
} from "../../errors/catalogue.js";
import { autoVerifiedAttributes, schemaAttributes, type UserPoolRecord } from "../pools/index.js";
import { aliasKeys, usernameKey } from "./aliases.js";
import { checkVerifiedFlags, checkWrittenAttributes, VERIFIED_FLAG } from "./attributes.js";
import { internalUsername } from "./create.js";
import { checkRequiredAttributes } from "./signUp.js";
import type { UserRecord } from "./types.js";

const USERNAME_COLUMN = "cognito:username";
const MFA_COLUMN = "cognito:mfa_enabled";
const MAX_USERNAME_LENGTH = 128;
// The Username pattern of the Cognito API model: letters, marks, symbols, digits and punctuation, no spaces.
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

/** A header (or a pool) an import cannot start with: the whole file is refused, as Cognito's import job is. */
export class ImportHeaderError extends Error {
  override name = "ImportHeaderError";
}

/** The header of an import file, checked against the pool. */
export interface ImportColumns {
  names: readonly string[];
}

/**
 * Checks the header row of a user import CSV (GetCSVHeader's columns, in any order): every column must be
 * an attribute of the pool's schema other than `sub`, or `cognito:username` / `cognito:mfa_enabled`; none
 * twice; `cognito:username` present. Cognate also accepts a header without some attribute columns (their
 * values are then empty). Cognito starts no import into a pool without auto-verified attributes.
 */
export function importColumns(pool: UserPoolRecord, header: readonly string[]): ImportColumns {
  if (autoVerifiedAttributes(pool).length === 0) {
    throw new ImportHeaderError(
      `user pool ${pool.id} has no auto-verified attributes (email or phone_number): imported users could never reset their password`,
    );
  }
  const known = new Set([USERNAME_COLUMN, MFA_COLUMN, ...schemaAttributes(pool).map((attribute) => attribute.Name!)]);
  known.delete("sub");
  const seen = new Set<string>();
  for (const name of header) {
    if (!known.has(name)) throw new ImportHeaderError(`column ${JSON.stringify(name)} is not an attribute of user pool ${pool.id}`);
    if (seen.has(name)) throw new ImportHeaderError(`column ${JSON.stringify(name)} appears twice in the header`);
    seen.add(name);
  }
  if (!seen.has(USERNAME_COLUMN)) throw new ImportHeaderError(`the header has no ${USERNAME_COLUMN} column`);
  return { names: header };
}

/**
 * One row of the file as a new user, checked as AdminCreateUser checks attributes, plus the import rules:
 * a username, `cognito:mfa_enabled` true or false when given, the pool's required attributes, and at least
 * one of the pool's auto-verified attributes verified (so the user can receive a reset code). The user is
 * RESET_REQUIRED without a password: Cognito imports no passwords. Throws CognitoError saying what is wrong.
 */
export function importedUser(pool: UserPoolRecord, columns: ImportColumns, fields: readonly string[], sub: string, now: Date): UserRecord {
  if (fields.length !== columns.names.length) throw importRowFieldCount(fields.length, columns.names.length);
  const given: Record<string, string> = Object.create(null);
  let signInName = "";
  for (const [index, name] of columns.names.entries()) {
    const value = fields[index]!;
    if (name === USERNAME_COLUMN) signInName = value;
    else if (name === MFA_COLUMN) checkMfaEnabled(value);
    else if (value !== "") given[name] = value;
  }
  if (signInName === "") throw importUsernameEmpty();
  if (signInName.length > MAX_USERNAME_LENGTH || !USERNAME.test(signInName)) throw importUsernameInvalid(MAX_USERNAME_LENGTH);
  checkWrittenAttributes(pool, given, "create");
  const { username, signInAttribute } = internalUsername(pool, signInName, sub);
  const attributes: Record<string, string> = { sub, ...given };
  if (signInAttribute !== undefined) {
    const stated = given[signInAttribute];
    if (stated !== undefined && stated !== signInName) throw importUsernameDiffers(signInAttribute);
    attributes[signInAttribute] = signInName;
  }
  checkVerifiedFlags(attributes);
  checkRequiredAttributes(pool, attributes);
  checkAutoVerified(pool, attributes);
  return {
    poolId: pool.id,
    username,
    usernameKey: usernameKey(pool, username),
    sub,
    status: "RESET_REQUIRED",
    enabled: true,
    attributes,
    aliases: aliasKeys(pool, attributes),
    createdAt: now,
    lastModifiedAt: now,
  };
}

function checkMfaEnabled(value: string): void {
  if (value !== "" && value !== "true" && value !== "false") throw importMfaEnabledNotBoolean();
}

/** The reset code of an imported user goes to a verified auto-verified attribute: one must be verified. */
function checkAutoVerified(pool: UserPoolRecord, attributes: Record<string, string>): void {
  const autoVerified = autoVerifiedAttributes(pool);
  if (autoVerified.some((name) => attributes[VERIFIED_FLAG[name]] === "true")) return;
  throw importUserUnverified(autoVerified.map((name) => VERIFIED_FLAG[name]), autoVerified);
}
