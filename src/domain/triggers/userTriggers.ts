import type { AttributeType } from "@aws-sdk/client-cognito-identity-provider";
import type { UserPoolRecord } from "../pools/types.js";
import type { UserRecord } from "../users/types.js";
import { booleanMember, runTrigger, type TriggerDeps } from "./run.js";

/**
 * The user's attributes as Cognito gives them to triggers: every attribute (sub and the verified flags
 * included) and `cognito:user_status`.
 */
export function triggerUserAttributes(user: UserRecord): Record<string, string> {
  return { ...user.attributes, "cognito:user_status": user.status };
}

/** What a pre sign-up function decided (each false when the pool has none). */
export interface PreSignUpDecision {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

/**
 * PreSignUp (`PreSignUp_SignUp`, `PreSignUp_AdminCreateUser`): the attributes and validation data the request
 * gave, before the user exists. A function that throws refuses the sign-up.
 */
export async function preSignUp(
  deps: TriggerDeps,
  pool: UserPoolRecord,
  call: {
    source: "SignUp" | "AdminCreateUser" | "ExternalProvider";
    username: string;
    clientId?: string;
    attributes: Record<string, string>;
    validationData: AttributeType[] | undefined;
    clientMetadata: Record<string, string> | undefined;
  },
): Promise<PreSignUpDecision> {
  const response = await runTrigger(deps, pool, "PreSignUp", {
    triggerSource: `PreSignUp_${call.source}`,
    userName: call.username,
    ...(call.clientId === undefined ? {} : { clientId: call.clientId }),
    request: {
      userAttributes: call.attributes,
      validationData: call.validationData === undefined ? undefined : Object.fromEntries(call.validationData.map((entry) => [entry.Name, entry.Value ?? ""])),
      clientMetadata: call.clientMetadata,
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  });
  return {
    autoConfirmUser: booleanMember(response, "autoConfirmUser"),
    autoVerifyEmail: booleanMember(response, "autoVerifyEmail"),
    autoVerifyPhone: booleanMember(response, "autoVerifyPhone"),
  };
}

/**
 * The attributes after a pre sign-up function's auto-verification: email_verified / phone_number_verified set
 * where the user has that attribute.
 */
export function autoVerified(attributes: Record<string, string>, decision: PreSignUpDecision): Record<string, string> {
  return {
    ...attributes,
    ...(decision.autoVerifyEmail && attributes.email !== undefined ? { email_verified: "true" } : {}),
    ...(decision.autoVerifyPhone && attributes.phone_number !== undefined ? { phone_number_verified: "true" } : {}),
  };
}

/**
 * PostConfirmation (`PostConfirmation_ConfirmSignUp`, `PostConfirmation_ConfirmForgotPassword`), once the
 * confirmation is saved: a function that throws fails the request, the user staying confirmed.
 */
export async function postConfirmation(
  deps: TriggerDeps,
  pool: UserPoolRecord,
  call: { source: "ConfirmSignUp" | "ConfirmForgotPassword"; user: UserRecord; clientId?: string; clientMetadata: Record<string, string> | undefined },
): Promise<void> {
  await runTrigger(deps, pool, "PostConfirmation", {
    triggerSource: `PostConfirmation_${call.source}`,
    userName: call.user.username,
    ...(call.clientId === undefined ? {} : { clientId: call.clientId }),
    request: { userAttributes: triggerUserAttributes(call.user), clientMetadata: call.clientMetadata },
  });
}

/**
 * PreAuthentication (`PreAuthentication_Authentication`) when a known user starts a password or SRP sign-in,
 * before the password is looked at: a function that throws refuses the sign-in. The sign-in's ClientMetadata
 * arrives as `validationData`, as Cognito documents.
 */
export async function preAuthentication(
  deps: TriggerDeps,
  pool: UserPoolRecord,
  call: { user: UserRecord; clientId: string },
): Promise<void> {
  await runTrigger(deps, pool, "PreAuthentication", {
    triggerSource: "PreAuthentication_Authentication",
    userName: call.user.username,
    clientId: call.clientId,
    request: { userAttributes: triggerUserAttributes(call.user), validationData: deps.triggerCall?.clientMetadata, userNotFound: false },
  });
}

/** PostAuthentication (`PostAuthentication_Authentication`) once the user is signed in, before tokens are issued. */
export async function postAuthentication(
  deps: TriggerDeps,
  pool: UserPoolRecord,
  call: { user: UserRecord; clientId: string },
): Promise<void> {
  await runTrigger(deps, pool, "PostAuthentication", {
    triggerSource: "PostAuthentication_Authentication",
    userName: call.user.username,
    clientId: call.clientId,
    request: { userAttributes: triggerUserAttributes(call.user), newDeviceUsed: false, clientMetadata: deps.triggerCall?.clientMetadata },
  });
}
