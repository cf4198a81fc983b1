import type {
  CodeDeliveryDetailsType,
  ConfirmSignUpRequest,
  ResendConfirmationCodeRequest,
  SignUpRequest,
  SignUpResponse,
} from "@aws-sdk/client-cognito-identity-provider";
import { clientCanWriteAttribute } from "../clients/attributePermissions.js";
import { preventsUserExistenceErrors } from "../clients/appClient.js";
import {
  checkCode,
  deliverCode,
  imitateCodeCheck,
  imitateNewCode,
  newCode,
  useCode,
} from "../codes/codes.js";
import { clientRequest } from "../codes/clientRequest.js";
import { codeTarget, signUpOrder, simulatedDeliveryDetails } from "../codes/delivery.js";
import {
  ADMIN_POLICY_PREFIX,
  codeMismatch,
  confirmationCodesOff,
  passwordRequired,
  requiredAttributesMissing,
  signUpNotPermitted,
  unauthorizedAttributeWrite,
  userAlreadyConfirmed,
  userCannotBeConfirmed,
  userDisabled,
  userExists,
  userNotFound,
  userNotFoundForClient,
} from "../../errors/catalogue.js";
import { preparePassword } from "../passwords/setPassword.js";
import { allowsAdminCreateUserOnly, requiredAttributes } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import { UserConflictError } from "../ports/errors.js";
import { aliasKeys, withAttributes } from "./aliases.js";
import { VERIFIED_FLAG, attributeMap, checkWrittenAttributes } from "./attributes.js";
import { claimAliases, mapUserConflict } from "./aliasClaims.js";
import { newUserIdentity } from "./create.js";
import { findUser } from "./resolve.js";
import type { UserRecord } from "./types.js";
import type { UserDeps } from "./deps.js";
import { autoVerified, postConfirmation, preSignUp } from "../triggers/userTriggers.js";

/**
 * SignUp: a new UNCONFIRMED user with the password they chose, and a confirmation code sent to the first
 * auto-verified attribute they have (phone number before email). Without one, no code is sent and an
 * administrator must confirm them (AdminConfirmSignUp). In order: the client and its SecretHash, the pool
 * allowing sign-up, the attributes (what the client may write, then the schema), the username, the required
 * attributes, the password policy, then the username being free. PreventUserExistenceErrors does not apply:
 * Cognito documents that SignUp reports a taken username.
 */
export async function signUp(
  deps: UserDeps,
  input: SignUpRequest & { ClientId: string; Username: string },
  now: Date,
): Promise<SignUpResponse> {
  const { pool, client } = await clientRequest(deps.store, input);
  if (allowsAdminCreateUserOnly(pool)) throw signUpNotPermitted();
  // Passwordless sign-up needs passwordless sign-in, which Cognate does not offer.
  if (input.Password === undefined || input.Password === "") throw passwordRequired();
  const given = attributeMap(input.UserAttributes);
  if (Object.keys(given).some((name) => !clientCanWriteAttribute(client, name))) throw unauthorizedAttributeWrite();
  checkWrittenAttributes(pool, given, "create");

  const { sub, username, key, attributes } = newUserIdentity(deps.random, pool, input.Username, given);
  checkRequiredAttributes(pool, attributes);
  const password = await preparePassword(deps, {
    pool,
    username,
    history: undefined,
    password: input.Password,
    permanent: true,
    prefix: ADMIN_POLICY_PREFIX,
    now,
    checkHistory: false,
  });
  if ((await deps.store.users.getByUsernameKey(pool.id, key)) !== undefined) throw userExists();
  const decision = await preSignUp(deps, pool, {
    source: "SignUp",
    username,
    clientId: client.clientId,
    attributes: given,
    validationData: input.ValidationData,
    clientMetadata: input.ClientMetadata,
  });
  const verifiedAttributes = autoVerified(attributes, decision);

  const user: UserRecord = {
    poolId: pool.id,
    username,
    usernameKey: key,
    sub,
    // A pre sign-up function may confirm the user: no confirmation code is sent then.
    status: decision.autoConfirmUser ? "CONFIRMED" : "UNCONFIRMED",
    enabled: true,
    attributes: verifiedAttributes,
    aliases: aliasKeys(pool, verifiedAttributes),
    createdAt: now,
    lastModifiedAt: now,
    ...password,
  };
  const code =
    decision.autoConfirmUser || codeTarget(pool, user, "signup") === undefined
      ? undefined
      : await newCode(deps, { pool, user, purpose: "signup", now, call: { clientId: client.clientId, clientMetadata: input.ClientMetadata } });
  const delivery = await deps.store.transaction(async (tx) => {
    await claimAliases(tx, pool, user, { creating: true, force: false, now });
    await mapUserConflict(pool, true, tx.users.create(user).catch(renameUsernameConflict));
    return code === undefined ? undefined : deliverCode(deps, tx, code);
  });
  return { UserConfirmed: decision.autoConfirmUser, UserSub: sub, ...(delivery === undefined ? {} : { CodeDeliveryDetails: delivery }) };
}

/**
 * ConfirmSignUp: the code sent at sign-up makes an UNCONFIRMED user CONFIRMED and the attribute it went to
 * verified. In an alias pool that attribute then becomes the user's alias: held by another user, the call fails
 * with `AliasExistsException` unless ForceAliasCreation moves it (the other user keeps the value, unverified).
 * An unknown or disabled user is reported as such, or with PreventUserExistenceErrors answered like a wrong code.
 */
export async function confirmSignUpWithCode(
  deps: UserDeps,
  input: ConfirmSignUpRequest & { ClientId: string; Username: string; ConfirmationCode: string },
  now: Date,
): Promise<void> {
  const { pool, client } = await clientRequest(deps.store, input);
  const user = await findUser(deps.store, pool, input.Username);
  if (user === undefined || !user.enabled) {
    if (!preventsUserExistenceErrors(client)) throw user === undefined ? userNotFoundForClient() : userDisabled();
    await imitateCodeCheck(deps, input.ConfirmationCode);
    throw codeMismatch();
  }
  if (user.status !== "UNCONFIRMED") throw userCannotBeConfirmed(user.status);
  await checkCode(deps, { pool, user, purpose: "signup", code: input.ConfirmationCode, now });
  // checkCode matched the code against this destination, so there is one.
  const verified = codeTarget(pool, user, "signup")!.attribute;
  const confirmed: UserRecord = {
    ...withAttributes(pool, user, { ...user.attributes, [VERIFIED_FLAG[verified]]: "true" }, now),
    status: "CONFIRMED",
  };
  await deps.store.transaction(async (tx) => {
    await useCode(tx, user, "signup");
    // Confirming completes the creation: ForceAliasCreation applies as it does to AdminCreateUser.
    await claimAliases(tx, pool, confirmed, { creating: true, force: input.ForceAliasCreation === true, now });
    if (!(await mapUserConflict(pool, false, tx.users.update(confirmed)))) throw userNotFound();
  });
  await postConfirmation(deps, pool, { source: "ConfirmSignUp", user: confirmed, clientId: client.clientId, clientMetadata: input.ClientMetadata });
}

/**
 * ResendConfirmationCode: a new sign-up code (the old one stops working) for an UNCONFIRMED user. With
 * PreventUserExistenceErrors an unknown or disabled user gets made-up delivery details instead of an error.
 */
export async function resendConfirmationCode(
  deps: UserDeps,
  input: ResendConfirmationCodeRequest & { ClientId: string; Username: string },
  now: Date,
): Promise<CodeDeliveryDetailsType> {
  const { pool, client } = await clientRequest(deps.store, input);
  const order = signUpOrder(pool);
  if (order.length === 0) throw confirmationCodesOff();
  const user = await findUser(deps.store, pool, input.Username);
  if (user === undefined || !user.enabled) {
    if (!preventsUserExistenceErrors(client)) throw user === undefined ? userNotFoundForClient() : userDisabled();
    await imitateNewCode(deps);
    return simulatedDeliveryDetails(pool, input.Username, order);
  }
  if (user.status !== "UNCONFIRMED") throw userAlreadyConfirmed();
  if (codeTarget(pool, user, "signup") === undefined) throw confirmationCodesOff();
  const code = await newCode(deps, {
    pool,
    user,
    purpose: "signup",
    now,
    kind: "resend",
    call: { clientId: client.clientId, clientMetadata: input.ClientMetadata },
  });
  return deps.store.transaction((tx) => deliverCode(deps, tx, code));
}

/** Every attribute the pool requires must have a value; Cognito lists each one missing, a line each. */
export function checkRequiredAttributes(pool: UserPoolRecord, attributes: Record<string, string>): void {
  const missing = requiredAttributes(pool).filter((name) => attributes[name] === undefined);
  if (missing.length > 0) throw requiredAttributesMissing(missing);
}

/** A username taken between the check and the write (a race) is reported as SignUp words it. */
function renameUsernameConflict(error: unknown): never {
  if (error instanceof UserConflictError && error.key === "username") throw userExists();
  throw error;
}
