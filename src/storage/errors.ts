/** A write collided with an existing row (unique or primary key); driver errors are mapped to this. */
export class StorageConflictError extends Error {
  override name = "StorageConflictError";
}
