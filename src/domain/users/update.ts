import type { AttributeType, CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { userNotFound } from "../../errors/catalogue.js";
import { deliverCode, newCode } from "../codes/codes.js";
import type { VerifiableAttribute } from "../codes/delivery.js";
import { autoVerifiedAttributes } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import { withAttributes } from "./aliases.js";
import {
  attributeMap,
  checkDeletable,
  checkVerifiedFlags,
  checkWrittenAttributes,
  isTrueValue,
  isVerified,
  VERIFIED_FLAG,
} from "./attributes.js";
import { claimAliases, mapUserConflict } from "./aliasClaims.js";
import type { UserDeps } from "./deps.js";
import { requireUser } from "./resolve.js";
import type { UserRecord } from "./types.js";

const VERIFIABLE: readonly VerifiableAttribute[] = ["email", "phone_number"];

/** AdminUpdateUserAttributes: the user named by `username` (username, alias or sub), changed as applyAttributeUpdate does. */
export async function updateAttributes(
  deps: UserDeps,
  pool: UserPoolRecord,
  username: string,
  list: readonly AttributeType[],
  now: Date,
): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  await applyAttributeUpdate(deps, pool, user, attributeMap(list), now);
}

/**
 * The one rule for changing attributes (AdminUpdateUserAttributes, UpdateUserAttributes). A blank value
 * deletes the attribute. A new email or phone number is unverified unless the request sets its `_verified`
 * flag too; when the pool auto-verifies that attribute, a code is sent to the new value (VerifyUserAttribute
 * accepts it). Aliases follow the attributes, and one another user holds is refused (AliasExistsException).
 * Returns where codes were sent.
 *
 * Where the pool keeps the old value until the new one is verified (heldUntilVerified), a new email or phone
 * number does not apply yet: the old value, its flag and its alias stay, and the code sent to the new value
 * carries it, for VerifyUserAttribute to apply; a later update replaces it. As Cognito documents, a request
 * that also sets the `_verified` flag to true (an administrator's) applies at once, without a code.
 */
export async function applyAttributeUpdate(
  deps: UserDeps,
  pool: UserPoolRecord,
  user: UserRecord,
  given: Record<string, string>,
  now: Date,
): Promise<CodeDeliveryDetailsType[]> {
  checkWrittenAttributes(pool, given, "update");
  checkDeletable(pool, Object.keys(given).filter((name) => given[name] === ""));

  const attributes = { ...user.attributes };
  for (const [name, value] of Object.entries(given)) {
    if (value === "") removeAttribute(attributes, name);
    else attributes[name] = value;
  }
  const changed = VERIFIABLE.filter((kind) => given[kind] !== undefined && given[kind] !== "" && given[kind] !== user.attributes[kind]);
  const held = changed.filter((kind) => heldUntilVerified(pool).includes(kind) && !isTrueValue(given[VERIFIED_FLAG[kind]]));
  for (const kind of changed) {
    if (held.includes(kind)) keepCurrentValue(attributes, user, kind);
    else if (given[VERIFIED_FLAG[kind]] === undefined) attributes[VERIFIED_FLAG[kind]] = "false";
  }
  checkVerifiedFlags(attributes);

  const updated = withAttributes(pool, user, attributes, now);
  const toVerify = changed.filter(
    (kind) => held.includes(kind) || (autoVerifiedAttributes(pool).includes(kind) && !isVerified(attributes, kind)),
  );
  // The codes are hashed before the transaction, so that it is not held open meanwhile.
  const codes = await Promise.all(
    toVerify.map((kind) =>
      newCode(deps, {
        pool,
        user: updated,
        purpose: `verify:${kind}`,
        now,
        call: { source: "UpdateUserAttribute" },
        ...(held.includes(kind) ? { pendingValue: given[kind]! } : {}),
      }),
    ),
  );
  return deps.store.transaction(async (tx) => {
    await claimAliases(tx, pool, updated, { creating: false, force: false, now });
    if (!(await mapUserConflict(pool, false, tx.users.update(updated)))) throw userNotFound();
    const delivered: CodeDeliveryDetailsType[] = [];
    for (const code of codes) delivered.push(await deliverCode(deps, tx, code));
    return delivered;
  });
}

/**
 * The attributes whose new values wait for verification: those the pool's UserAttributeUpdateSettings name
 * that it also auto-verifies (Cognito requires both; only auto-verified attributes get a code on update).
 */
function heldUntilVerified(pool: UserPoolRecord): VerifiableAttribute[] {
  const required = pool.config.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  return VERIFIABLE.filter((kind) => required.includes(kind) && autoVerifiedAttributes(pool).includes(kind));
}

/** Puts back the user's current value of a held attribute (none if they had none). */
function keepCurrentValue(attributes: Record<string, string>, user: UserRecord, kind: VerifiableAttribute): void {
  const current = user.attributes[kind];
  if (current === undefined) delete attributes[kind];
  else attributes[kind] = current;
}

/** AdminDeleteUserAttributes: the user named by `username`, without the named attributes (see removeAttributes). */
export async function deleteAttributes(
  deps: UserDeps,
  pool: UserPoolRecord,
  username: string,
  names: readonly string[],
  now: Date,
): Promise<void> {
  await removeAttributes(deps, pool, await requireUser(deps.store, pool, username), names, now);
}

/** Removes the named attributes (and their aliases); required and immutable ones stay. */
export async function removeAttributes(
  deps: UserDeps,
  pool: UserPoolRecord,
  user: UserRecord,
  names: readonly string[],
  now: Date,
): Promise<void> {
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
