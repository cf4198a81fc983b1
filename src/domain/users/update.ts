import type { AttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { deliverMessage } from "../messages/outbox.js";
import { newVerificationCode, verificationText } from "../messages/templates.js";
import { autoVerifiedAttributes, type UserPoolRecord } from "../pools/index.js";
import { withAttributes } from "./aliases.js";
import { attributeMap, checkDeletable, checkVerifiedFlags, checkWrittenAttributes, VERIFIED_FLAG } from "./attributes.js";
import { claimAliases, mapUserConflict } from "./claims.js";
import type { UserDeps } from "./deps.js";
import { requireUser, userNotFound } from "./resolve.js";
import type { UserRecord } from "./types.js";

const VERIFIABLE = ["email", "phone_number"] as const;

/**
 * AdminUpdateUserAttributes. A blank value deletes the attribute. A new email or phone number is unverified
 * unless the request sets its `_verified` flag too; when the pool auto-verifies that attribute, a code is
 * sent to the new value. Aliases follow the attributes, and one another user holds is refused.
 *
 * The change applies at once, also in pools that keep the old value until the new one is verified
 * (AttributesRequireVerificationBeforeUpdate): the user record has no place yet for a pending value.
 */
export async function updateAttributes(
  deps: UserDeps,
  pool: UserPoolRecord,
  username: string,
  list: readonly AttributeType[],
  now: Date,
): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  const given = attributeMap(list);
  checkWrittenAttributes(pool, given, "update");
  checkDeletable(pool, Object.keys(given).filter((name) => given[name] === ""));

  const attributes = { ...user.attributes };
  for (const [name, value] of Object.entries(given)) {
    if (value === "") removeAttribute(attributes, name);
    else attributes[name] = value;
  }
  const changed = VERIFIABLE.filter((kind) => given[kind] !== undefined && given[kind] !== "" && given[kind] !== user.attributes[kind]);
  for (const kind of changed) {
    if (given[VERIFIED_FLAG[kind]] === undefined) attributes[VERIFIED_FLAG[kind]] = "false";
  }
  checkVerifiedFlags(attributes);

  const updated = withAttributes(pool, user, attributes, now);
  const toVerify = changed.filter((kind) => autoVerifiedAttributes(pool).includes(kind) && attributes[VERIFIED_FLAG[kind]] !== "true");
  await deps.store.transaction(async (tx) => {
    await claimAliases(tx, pool, updated, { creating: false, force: false, now });
    if (!(await mapUserConflict(pool, false, tx.users.update(updated)))) throw userNotFound();
    for (const kind of toVerify) {
      const channel = kind === "email" ? "EMAIL" : "SMS";
      const code = newVerificationCode(deps.random);
      await deliverMessage(
        deps,
        tx,
        {
          poolId: pool.id,
          username: user.username,
          channel,
          destination: attributes[kind]!,
          ...verificationText(pool, channel, code),
          code,
          kind: "verify-attribute",
        },
        now,
      );
    }
  });
}

/** AdminDeleteUserAttributes: removes the named attributes; required and immutable ones stay. */
export async function deleteAttributes(
  deps: UserDeps,
  pool: UserPoolRecord,
  username: string,
  names: readonly string[],
  now: Date,
): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  checkDeletable(pool, names);
  const attributes = { ...user.attributes };
  for (const name of names) removeAttribute(attributes, name);
  const updated: UserRecord = withAttributes(pool, user, attributes, now);
  if (!(await deps.store.users.update(updated))) throw userNotFound();
}

/** An email or phone number goes with its verification flag. */
function removeAttribute(attributes: Record<string, string>, name: string): void {
  delete attributes[name];
  if (name === "email" || name === "phone_number") delete attributes[VERIFIED_FLAG[name]];
}
