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

/**
 * A stored secret cannot be read: it is encrypted with a master key other than the configured one (or none is
 * configured), it is malformed, or it fails authentication (altered or corrupted). The message names the key
 * id, never the secret.
 */
export class StorageSecretError extends Error {
  override name = "StorageSecretError";
}
