import type { PasswordHashingAlgorithmType } from "@aws-sdk/client-cognito-identity-provider";
import {
  importHashWithoutAlgorithm,
  importMfaEnabledNotBoolean,
  importRowFieldCount,
  importUsernameDiffers,
  importUsernameEmpty,
  importUsernameInvalid,
  importUserUnverified,
} from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { OperatorError } from "../../errors/operatorError.js";
import { autoVerifiedAttributes, schemaAttributes } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import { aliasKeys, usernameKey } from "./aliases.js";
import { checkVerifiedFlags, checkWrittenAttributes, isBooleanValue, isVerified, VERIFIED_FLAG } from "./attributes.js";
import { internalUsername } from "./create.js";
import { checkRequiredAttributes } from "./signUp.js";
import type { UserConflictKey, Store } from "../ports/store.js";
import type { Random } from "../random.js";
import { csvRecords } from "./importCsv.js";
import { checkImportedHash } from "../passwords/importedHash.js";
import type { UserRecord } from "./types.js";

const USERNAME_COLUMN = "cognito:username";
const MFA_COLUMN = "cognito:mfa_enabled";
/** The password hash of a user import job's file (docs/behaviour.md, User import jobs). */
export const PASSWORD_HASH_COLUMN = "cognito:password_hash";
const MAX_USERNAME_LENGTH = 128;
// The Username pattern of the Cognito API model: letters, marks, symbols, digits and punctuation, no spaces.
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

/** A header (or a pool) an import cannot start with: the whole file is refused, as Cognito's import job is. */
export class ImportHeaderError extends OperatorError {
  override name = "ImportHeaderError";
}

/** The header of an import file, checked against the pool. */
export interface ImportColumns {
  names: readonly string[];
}

/** Schema attributes an import file cannot carry: Cognito assigns `sub`, and `identities` is federation's. */
const NOT_IMPORTED = new Set(["sub", "identities"]);

/**
 * GetCSVHeader's columns: the pool's schema attributes in schema order (custom ones after the standard),
 * then `cognito:mfa_enabled` and `cognito:username`, as Cognito lists them.
 */
export function csvHeader(pool: UserPoolRecord): string[] {
  const attributes = schemaAttributes(pool).map((attribute) => attribute.Name!).filter((name) => !NOT_IMPORTED.has(name));
  return [...attributes, MFA_COLUMN, USERNAME_COLUMN];
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
  const known = new Set([USERNAME_COLUMN, MFA_COLUMN, PASSWORD_HASH_COLUMN, ...schemaAttributes(pool).map((attribute) => attribute.Name!)]);
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
 * RESET_REQUIRED without a password, or CONFIRMED with the row's `cognito:password_hash` in the job's
 * `hashingAlgorithm` (checked to be readable), which the first password sign-in replaces by Cognate's own
 * secrets. Throws CognitoError saying what is wrong.
 */
export function importedUser(
  pool: UserPoolRecord,
  columns: ImportColumns,
  fields: readonly string[],
  sub: string,
  now: Date,
  hashingAlgorithm?: PasswordHashingAlgorithmType,
): UserRecord {
  if (fields.length !== columns.names.length) throw importRowFieldCount(fields.length, columns.names.length);
  const given: Record<string, string> = Object.create(null);
  let signInName = "";
  let passwordHash = "";
  for (const [index, name] of columns.names.entries()) {
    const value = fields[index]!;
    if (name === USERNAME_COLUMN) signInName = value;
    else if (name === MFA_COLUMN) checkMfaEnabled(value);
    else if (name === PASSWORD_HASH_COLUMN) passwordHash = value;
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
  const user: UserRecord = {
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
  if (passwordHash === "") return user;
  if (hashingAlgorithm === undefined) throw importHashWithoutAlgorithm();
  checkImportedHash(hashingAlgorithm, passwordHash);
  // No SRP verifier can be made from a hash: it waits for the first password sign-in.
  const password = { hash: passwordHash, srpSalt: "", srpVerifier: "", temporary: false, setAt: now, importedAs: hashingAlgorithm };
  return { ...user, status: "CONFIRMED", password };
}

function checkMfaEnabled(value: string): void {
  if (value !== "" && !isBooleanValue(value)) throw importMfaEnabledNotBoolean();
}

/** The reset code of an imported user goes to a verified auto-verified attribute: one must be verified. */
function checkAutoVerified(pool: UserPoolRecord, attributes: Record<string, string>): void {
  const autoVerified = autoVerifiedAttributes(pool);
  if (autoVerified.some((name) => isVerified(attributes, name))) return;
  throw importUserUnverified(autoVerified.map((name) => VERIFIED_FLAG[name]), autoVerified);
}

/** Users handed to the store at a time (it inserts them in one transaction). */
const IMPORT_BATCH = 1000;
/** Refused rows listed one by one in the summary; the rest are counted. */
const LISTED_REFUSALS = 20;

export interface ImportRefusal {
  line: number;
  reason: string;
}

/** How far an import has gone: data rows read, and what became of them. */
export interface ImportProgress {
  rows: number;
  imported: number;
  /** Rows refused for any reason, the skipped ones included. */
  refused: number;
  /** Of the refused rows, those whose username an existing user already has. */
  skipped: number;
}

export interface ImportSummary extends ImportProgress {
  /** The first refusals in file order, at most LISTED_REFUSALS (of the rows read by this run). */
  refusals: ImportRefusal[];
}

export interface ImportOptions {
  /** Hears how many data rows have been read, for progress. */
  onRows?: (rows: number) => void;
  /** The algorithm of the file's `cognito:password_hash` column; without it a row with a hash is refused. */
  passwordHashingAlgorithm?: PasswordHashingAlgorithmType;
  /** Where an interrupted run stopped: its first `rows` data rows are passed over and its counts go on. */
  resume?: ImportProgress;
  /** Users written per transaction; IMPORT_BATCH by default. */
  batchSize?: number;
  /**
   * Called in each batch's transaction with the progress that batch completes; throwing abandons the batch
   * (nothing of it is written) and the import.
   */
  commit?: (tx: Store, progress: ImportProgress) => Promise<void>;
  /** Awaited after each batch's transaction: a background import lets requests in between. */
  pause?: () => Promise<void>;
}

/**
 * Creates the users of a Cognito user-import CSV (read as text chunks) in the pool (see importedUser), in
 * batches of a thousand. A row that cannot be imported (malformed, refused by the pool's rules, or colliding
 * with an existing user) is refused alone; an unusable header refuses the whole file (ImportHeaderError).
 * The one import routine of `cognate import` and of user import jobs.
 */
export async function importUsers(
  deps: { store: Store; random: Random },
  pool: UserPoolRecord,
  chunks: AsyncIterable<string>,
  now: Date,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? IMPORT_BATCH;
  const progress: ImportProgress = { ...(options.resume ?? { rows: 0, imported: 0, refused: 0, skipped: 0 }) };
  const passOver = progress.rows;
  let columns: ImportColumns | undefined;
  let rows = 0;
  const refusals: ImportRefusal[] = [];
  const refuse = (line: number, reason: string) => {
    progress.refused += 1;
    if (refusals.length < LISTED_REFUSALS) refusals.push({ line, reason });
  };
  let batch: UserRecord[] = [];
  let batchLines: number[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const users = batch;
    const lines = batchLines;
    batch = [];
    batchLines = [];
    await deps.store.transaction(async (tx) => {
      const result = await tx.users.createMany(users);
      progress.imported += result.created;
      for (const conflict of result.conflicts) {
        if (conflict.key === "username") progress.skipped += 1;
        refuse(lines[conflict.index]!, conflictReason(conflict.key));
      }
      await options.commit?.(tx, { ...progress, rows });
    });
    await options.pause?.();
  };

  for await (const records of csvRecords(chunks)) {
    for (const record of records) {
      if (columns === undefined) {
        if (record.problem !== undefined) throw new ImportHeaderError(`the header row is not valid CSV: ${record.problem}`);
        columns = importColumns(pool, record.fields);
        continue;
      }
      rows += 1;
      if (rows <= passOver) continue;
      if (record.problem !== undefined) {
        refuse(record.line, record.problem);
        continue;
      }
      try {
        batch.push(importedUser(pool, columns, record.fields, deps.random.uuid(), now, options.passwordHashingAlgorithm));
        batchLines.push(record.line);
      } catch (error) {
        if (!(error instanceof CognitoError)) throw error;
        refuse(record.line, error.message.trim());
      }
      if (batch.length >= batchSize) await flush();
    }
    options.onRows?.(rows);
  }
  if (columns === undefined) throw new ImportHeaderError("the file is empty: the first row must be the header");
  await flush();
  // Conflicts surface when their batch is written, after later rows' own refusals: list in file order.
  refusals.sort((a, b) => a.line - b.line);
  return { ...progress, rows, refusals };
}

function conflictReason(key: UserConflictKey): string {
  return key === "username" ? "User account already exists" : `another user of the pool already has this ${key}`;
}
