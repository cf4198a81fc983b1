import type { CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { attributeNotVerifiable, noValueToVerify, userNotFound } from "../../errors/catalogue.js";
import type { UserPoolRecord } from "../pools/types.js";
import { withAttributes } from "../users/aliases.js";
import { VERIFIED_FLAG } from "../users/attributes.js";
import { claimAliases, mapUserConflict } from "../users/aliasClaims.js";
import type { UserRecord } from "../users/types.js";
import { checkCode, deliverCode, newCode, useCode } from "./codes.js";
import { codeTarget, isVerifiableAttribute, type VerifiableAttribute } from "./delivery.js";
import type { CodePurpose } from "./types.js";
import type { UserDeps } from "../users/deps.js";

export interface AttributeRequest {
  pool: UserPoolRecord;
  /** The signed-in user, as their access token names them. */
  user: UserRecord;
  attributeName: string;
  now: Date;
}

/**
 * GetUserAttributeVerificationCode: sends a code to the user's email address or phone number (verified or
 * not; a new code replaces the previous one). While an update to that attribute waits for verification
 * (AttributesRequireVerificationBeforeUpdate), the new code goes to the new value and still applies it.
 */
export async function sendAttributeVerificationCode(deps: UserDeps, request: AttributeRequest): Promise<CodeDeliveryDetailsType> {
  const { pool, user, now } = request;
  const { purpose, pendingValue } = await verificationOf(deps, request);
  const code = await newCode(deps, { pool, user, purpose, now, ...(pendingValue === undefined ? {} : { pendingValue }) });
  return deps.store.transaction((tx) => deliverCode(deps, tx, code));
}

/**
 * VerifyUserAttribute: the code marks the attribute verified. A code sent for an update held back until
 * verification (AttributesRequireVerificationBeforeUpdate) first replaces the old value with the new one.
 * In an alias pool a verified email or phone number becomes the user's alias: if another user holds it,
 * `AliasExistsException` (nothing changes and the code stays usable).
 */
export async function verifyAttribute(deps: UserDeps, request: AttributeRequest & { code: string }): Promise<void> {
  const { pool, user, now } = request;
  const { attribute, purpose } = await verificationOf(deps, request);
  const accepted = await checkCode(deps, { pool, user, purpose, code: request.code, now });
  const attributes = { ...user.attributes, [VERIFIED_FLAG[attribute]]: "true" };
  if (accepted.pendingValue !== undefined) attributes[attribute] = accepted.pendingValue;
  const verified = withAttributes(pool, user, attributes, now);
  await deps.store.transaction(async (tx) => {
    await useCode(tx, user, purpose);
    await claimAliases(tx, pool, verified, { creating: false, force: false, now });
    if (!(await mapUserConflict(pool, false, tx.users.update(verified)))) throw userNotFound();
  });
}

/**
 * Only an email address or a phone number can be verified, and only one the user has or one waiting to
 * replace it (the pending value of their code for that attribute, returned).
 */
async function verificationOf(
  deps: UserDeps,
  { pool, user, attributeName }: AttributeRequest,
): Promise<{ attribute: VerifiableAttribute; purpose: CodePurpose; pendingValue: string | undefined }> {
  if (!isVerifiableAttribute(attributeName)) throw attributeNotVerifiable(attributeName);
  const purpose = `verify:${attributeName}` as const;
  const pendingValue = (await deps.store.codes.get(pool.id, user.username, purpose))?.pendingValue;
  if (pendingValue === undefined && codeTarget(pool, user, purpose) === undefined) throw noValueToVerify(attributeName);
  return { attribute: attributeName, purpose, pendingValue };
}
