import type { MessageDeps } from "../messages/outbox.js";
import type { PasswordHasher } from "../passwords/hasher.js";
import type { Store } from "../ports/store.js";

/** What the user rules need from the composition root (the handlers' Deps satisfies it). */
export interface UserDeps extends MessageDeps {
  store: Store;
  hasher: PasswordHasher;
}
