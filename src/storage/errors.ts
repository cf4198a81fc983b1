/** A write collided with an existing row (unique or primary key); driver errors are mapped to this. */
export class StorageConflictError extends Error {
  override name = "StorageConflictError";
}

/** A user write collided with a unique key of the pool: its username, its sub or an alias value. */
export class UserConflictError extends StorageConflictError {
  override name = "UserConflictError";
  constructor(
    readonly key: import("./store.js").UserConflictKey,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A page cursor (`Page.after`) that no list call could have returned, e.g. a client's forged NextToken. */
export class StorageInvalidCursorError extends Error {
  override name = "StorageInvalidCursorError";
}
