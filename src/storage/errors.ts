/** A write collided with an existing row (unique or primary key); driver errors are mapped to this. */
export class StorageConflictError extends Error {
  override name = "StorageConflictError";
}

/** A page cursor (`Page.after`) that no list call could have returned, e.g. a client's forged NextToken. */
export class StorageInvalidCursorError extends Error {
  override name = "StorageInvalidCursorError";
}
