import { StorageConflictError } from "../errors.js";
import type { SqlDialect } from "./dialect.js";

/** Awaits a write, turning the driver's unique-violation error into StorageConflictError. */
export async function mapConflict<T>(dialect: SqlDialect, write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (dialect.isUniqueViolation(error)) throw new StorageConflictError(message, { cause: error });
    throw error;
  }
}
