import type { AdminCreateUserRequest, DeliveryMediumType } from "@aws-sdk/client-cognito-identity-provider";
import {
  ADMIN_POLICY_PREFIX,
  invitationEmailMissing,
  invitationPhoneNumberMissing,
  invitationResendNotPossible,
  userAccountExists,
  usernameLooksLikeEmail,
  usernameLooksLikePhoneNumber,
  usernameNotSignInAttribute,
} from "../../errors/catalogue.js";
import { deliverMessage, type MessageDraft } from "../messages/outbox.js";
import { invitationText } from "../messages/templates.js";
import type { MessageChannel } from "../messages/types.js";
import { generateTemporaryPassword } from "../passwords/policy.js";
import { preparePassword, type PreparedPassword } from "../passwords/setPassword.js";
import { aliasAttributes, passwordPolicy, usernameAttributes } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Store } from "../ports/store.js";
import type { Random } from "../random.js";
import { aliasKeys, usernameKey } from "./aliases.js";
import { attributeMap, checkVerifiedFlags, checkWrittenAttributes, isEmailAddress, isPhoneNumber } from "./attributes.js";
import { claimAliases, mapUserConflict } from "./aliasClaims.js";
import type { UserDeps } from "./deps.js";
import { messageToSend } from "../triggers/messageTriggers.js";
import { autoVerified, preSignUp } from "../triggers/userTriggers.js";
import { requireUser } from "./resolve.js";
import type { UserRecord } from "./types.js";

export type CreateUserInput = AdminCreateUserRequest & { Username: string };

/**
 * AdminCreateUser: a new user in FORCE_CHANGE_PASSWORD with a temporary password (given, or generated to
 * the policy) and an invitation in the outbox, unless MessageAction is SUPPRESS. With RESEND, the existing
 * user gets a fresh temporary password and invitation instead.
 */
export async function createUser(deps: UserDeps, pool: UserPoolRecord, input: CreateUserInput, now: Date): Promise<UserRecord> {
  if (input.MessageAction === "RESEND") return resendInvitation(deps, pool, input, now);

  const given = attributeMap(input.UserAttributes);
  checkWrittenAttributes(pool, given, "create");
  const { sub, username, key, attributes } = newUserIdentity(deps.random, pool, input.Username, given);
  checkVerifiedFlags(attributes);

  const password = input.TemporaryPassword ?? generateTemporaryPassword(passwordPolicy(pool), deps.random);
  const prepared = await invitationPassword(deps, pool, username, undefined, password, now);
  const invitations = input.MessageAction === "SUPPRESS" ? [] : invitationChannels(attributes, input.DesiredDeliveryMediums);
  if ((await deps.store.users.getByUsernameKey(pool.id, key)) !== undefined) throw userAccountExists();
  // An invited user always sets their own password: only the pre sign-up function's verification applies.
  const decision = await preSignUp(deps, pool, {
    source: "AdminCreateUser",
    username,
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
    status: "FORCE_CHANGE_PASSWORD",
    enabled: true,
    attributes: verifiedAttributes,
    aliases: aliasKeys(pool, verifiedAttributes),
    createdAt: now,
    lastModifiedAt: now,
    ...prepared,
  };
  const messages = await invitationMessages(deps, pool, user, input, password, invitations);
  await deps.store.transaction(async (tx) => {
    await claimAliases(tx, pool, user, { creating: true, force: input.ForceAliasCreation === true, now });
    await mapUserConflict(pool, true, tx.users.create(user));
    await sendInvitations(deps, tx, messages, now);
  });
  return user;
}

/** RESEND: only a user still waiting to set their own password can be invited again. */
async function resendInvitation(deps: UserDeps, pool: UserPoolRecord, input: CreateUserInput, now: Date): Promise<UserRecord> {
  const existing = await requireUser(deps.store, pool, input.Username);
  if (existing.status !== "FORCE_CHANGE_PASSWORD") throw invitationResendNotPossible(existing.username);
  const password = input.TemporaryPassword ?? generateTemporaryPassword(passwordPolicy(pool), deps.random);
  const prepared = await invitationPassword(deps, pool, existing.username, existing.passwordHistory, password, now);
  const invitations = invitationChannels(existing.attributes, input.DesiredDeliveryMediums);
  const user: UserRecord = { ...existing, lastModifiedAt: now, ...prepared };
  const messages = await invitationMessages(deps, pool, user, input, password, invitations);
  await deps.store.transaction(async (tx) => {
    await tx.users.update(user);
    await sendInvitations(deps, tx, messages, now);
  });
  return user;
}

/**
 * The internal username: the one given, or (in a pool whose users sign up with email/phone) the generated
 * `sub`, the given value then being that attribute's. Usernames that look like a configured alias are refused,
 * since signing in with them would be ambiguous.
 */
/**
 * Who a new user is (AdminCreateUser, SignUp): a fresh `sub`, the internal username and its lookup key, and
 * the attributes given (blank ones dropped) with `sub` and, in pools that sign in with an email or phone, the
 * name typed as that attribute.
 */
export function newUserIdentity(
  random: Random,
  pool: UserPoolRecord,
  requestedUsername: string,
  given: Record<string, string>,
): { sub: string; username: string; key: string; attributes: Record<string, string> } {
  const sub = random.uuid();
  const { username, signInAttribute } = internalUsername(pool, requestedUsername, sub);
  const attributes: Record<string, string> = { sub };
  for (const [name, value] of Object.entries(given)) if (value !== "") attributes[name] = value;
  if (signInAttribute !== undefined) attributes[signInAttribute] = requestedUsername;
  return { sub, username, key: usernameKey(pool, username), attributes };
}

export function internalUsername(
  pool: UserPoolRecord,
  given: string,
  sub: string,
): { username: string; signInAttribute?: "email" | "phone_number" } {
  const signUpWith = usernameAttributes(pool);
  if (signUpWith.length > 0) {
    if (signUpWith.includes("email") && isEmailAddress(given)) return { username: sub, signInAttribute: "email" };
    if (signUpWith.includes("phone_number") && isPhoneNumber(given)) return { username: sub, signInAttribute: "phone_number" };
    throw usernameNotSignInAttribute(signUpWith);
  }
  const aliases = aliasAttributes(pool);
  if (aliases.includes("email") && isEmailAddress(given)) throw usernameLooksLikeEmail();
  if (aliases.includes("phone_number") && isPhoneNumber(given)) throw usernameLooksLikePhoneNumber();
  return { username: given };
}

/** The temporary password of an invitation, checked against the policy and remembered (never refused as recent). */
function invitationPassword(
  deps: UserDeps,
  pool: UserPoolRecord,
  username: string,
  history: UserRecord["passwordHistory"],
  password: string,
  now: Date,
): Promise<PreparedPassword> {
  return preparePassword(deps, { pool, username, history, password, permanent: false, prefix: ADMIN_POLICY_PREFIX, now, checkHistory: false });
}

interface Invitation {
  channel: MessageChannel;
  destination: string;
}

/**
 * Where the invitation goes. Each medium asked for needs its attribute. Without DesiredDeliveryMediums
 * (documented default: SMS) Cognate sends an SMS to a user with a phone number, else an email to one with an
 * email address, else nothing: a user without either is created all the same.
 */
function invitationChannels(attributes: Record<string, string>, mediums: readonly DeliveryMediumType[] | undefined): Invitation[] {
  if (mediums === undefined || mediums.length === 0) {
    if (attributes.phone_number !== undefined) return [{ channel: "SMS", destination: attributes.phone_number }];
    if (attributes.email !== undefined) return [{ channel: "EMAIL", destination: attributes.email }];
    return [];
  }
  return [...new Set(mediums)].map((medium) => {
    const destination = medium === "EMAIL" ? attributes.email : attributes.phone_number;
    if (destination === undefined) throw medium === "EMAIL" ? invitationEmailMissing() : invitationPhoneNumberMissing();
    return { channel: medium, destination };
  });
}

/**
 * The invitations' messages from the pool's template, through the CustomMessage function
 * (`CustomMessage_AdminCreateUser`), which runs before the transaction that sends them.
 */
async function invitationMessages(
  deps: UserDeps,
  pool: UserPoolRecord,
  user: UserRecord,
  input: CreateUserInput,
  password: string,
  invitations: readonly Invitation[],
): Promise<MessageDraft[]> {
  const drafts: MessageDraft[] = [];
  for (const { channel, destination } of invitations) {
    const template = invitationText(pool, channel, input.Username, password);
    if (template === undefined) continue;
    const text = await messageToSend(deps, pool, {
      kind: "invitation",
      user,
      channel,
      code: password,
      username: input.Username,
      text: template,
      ...(input.ClientMetadata === undefined ? {} : { call: { clientMetadata: input.ClientMetadata } }),
    });
    drafts.push({ poolId: pool.id, username: user.username, channel, destination, ...text, code: password, kind: "invitation" });
  }
  return drafts;
}

async function sendInvitations(deps: UserDeps, tx: Store, messages: readonly MessageDraft[], now: Date): Promise<void> {
  for (const message of messages) await deliverMessage(deps, tx, message, now);
}
