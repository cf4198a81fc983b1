import type { MessageDeps } from "../messages/outbox.js";
import type { PasswordHasher } from "../passwords/hasher.js";
import type { Store } from "../ports/store.js";
import type { TriggerDeps } from "../triggers/run.js";

/** What the user rules need from the composition root (the handlers' Deps satisfies it). */
export interface UserDeps extends MessageDeps, TriggerDeps {
  store: Store;
  hasher: PasswordHasher;
}
