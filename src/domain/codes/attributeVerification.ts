import type { CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError } from "../errors.js";
import type { UserPoolRecord } from "../pools/index.js";
import { withAttributes } from "../users/aliases.js";
import { VERIFIED_FLAG } from "../users/attributes.js";
import { claimAliases, mapUserConflict } from "../users/claims.js";
import { userNotFound } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { checkCode, deliverCode, newCode, useCode, type CodeDeps } from "./codes.js";
import { codeTarget, isVerifiableAttribute, type VerifiableAttribute } from "./delivery.js";
import type { CodePurpose } from "./types.js";

export interface AttributeRequest {
  pool: UserPoolRecord;
  /** The signed-in user, as their access token names them. */
  user: UserRecord;
  attributeName: string;
  now: Date;
}

/**
 * GetUserAttributeVerificationCode: sends a code to the user's email address or phone number (verified or
 * not; a new code replaces the previous one).
 */
export async function sendAttributeVerificationCode(deps: CodeDeps, request: AttributeRequest): Promise<CodeDeliveryDetailsType> {
  const { pool, user, now } = request;
  const { purpose } = verificationOf(pool, user, request.attributeName);
  const code = await newCode(deps, { pool, user, purpose, now });
  return deps.store.transaction((tx) => deliverCode(deps, tx, code));
}

/**
 * VerifyUserAttribute: the code sent to the attribute's current value marks it verified. In an alias pool a
 * verified email or phone number becomes the user's alias: if another user holds it, `AliasExistsException`
 * (and the code stays usable).
 */
export async function verifyAttribute(deps: CodeDeps, request: AttributeRequest & { code: string }): Promise<void> {
  const { pool, user, now } = request;
  const { attribute, purpose } = verificationOf(pool, user, request.attributeName);
  await checkCode(deps, { pool, user, purpose, code: request.code, now });
  const verified = withAttributes(pool, user, { ...user.attributes, [VERIFIED_FLAG[attribute]]: "true" }, now);
  await deps.store.transaction(async (tx) => {
    await useCode(tx, user, purpose);
    await claimAliases(tx, pool, verified, { creating: false, force: false, now });
    if (!(await mapUserConflict(pool, false, tx.users.update(verified)))) throw userNotFound();
  });
}

/** Only an email address or a phone number the user has can be verified. */
function verificationOf(
  pool: UserPoolRecord,
  user: UserRecord,
  attributeName: string,
): { attribute: VerifiableAttribute; purpose: CodePurpose } {
  if (!isVerifiableAttribute(attributeName)) {
    throw new CognitoError("InvalidParameterException", `Attribute ${attributeName} cannot be verified: only email and phone_number can.`);
  }
  const purpose = `verify:${attributeName}` as const;
  if (codeTarget(pool, user, purpose) === undefined) {
    throw new CognitoError("InvalidParameterException", `User has no value for attribute ${attributeName}`);
  }
  return { attribute: attributeName, purpose };
}
