import type { AuthFlowType, ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { authFlowEnabled } from "../clients/authFlows.js";
import type { CognitoError } from "../../errors/cognitoError.js";
import {
  authFlowNotEnabled,
  challengeNotSupported,
  initiateAuthMethodNotSupported,
  missingRequiredParameter,
  userPasswordAuthNotEnabled,
  userSrpAuthNotEnabled,
} from "../../errors/catalogue.js";
import { answerSelectChallenge, startChoiceSignIn } from "./choiceSignIn.js";
import { answerCustomChallenge, startCustomSignIn } from "./customSignIn.js";
import type { ClientInPool } from "../clients/types.js";
import type { AuthDeps, AuthOutcome } from "./types.js";
import { answerNewPasswordRequired } from "./newPassword.js";
import { answerCodeChallenge } from "./codeChallenges.js";
import { answerMfaSetup, answerSelectMfaType, answerSoftwareTokenMfa } from "./secondFactor.js";
import { signInWithPassword } from "./passwordSignIn.js";
import { signInWithRefreshToken } from "./refreshSignIn.js";
import { answerPasswordVerifier, startSrpSignIn } from "./srpSignIn.js";
import { answerWebAuthn } from "./webAuthnSignIn.js";
import { answerDevicePasswordVerifier, answerDeviceSrpAuth, deviceInsteadOfMfa } from "./deviceSignIn.js";

/** Who starts the sign-in: an app on the user's side (InitiateAuth) or a server with IAM credentials (Admin*). */
export type SignInCaller = "user" | "admin";

/** The flows each operation accepts at all; the others are refused before the client's settings are read. */
const FLOWS_OFFERED: Record<SignInCaller, ReadonlySet<AuthFlowType>> = {
  user: new Set(["USER_SRP_AUTH", "USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "CUSTOM_AUTH", "USER_AUTH"]),
  admin: new Set([
    "USER_SRP_AUTH",
    "ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_NO_SRP_AUTH",
    "REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN",
    "CUSTOM_AUTH",
    "USER_AUTH",
  ]),
};

/**
 * InitiateAuth / AdminInitiateAuth once the client is known: the flow must belong to the operation
 * (`Initiate Auth method not supported.`), be enabled on the client, and be one Cognate runs.
 */
export async function initiateAuth(
  deps: AuthDeps,
  request: ClientInPool & {
    caller: SignInCaller;
    flow: AuthFlowType;
    parameters: Record<string, string> | undefined;
    now: Date;
    sourceIp?: string | undefined;
  },
): Promise<AuthOutcome> {
  const { flow, client } = request;
  if (!FLOWS_OFFERED[request.caller].has(flow)) throw initiateAuthMethodNotSupported();
  if (!authFlowEnabled(client, flow)) throw flowNotEnabled(flow);
  // A refresh continues a sign-in on its device (it checks DEVICE_KEY itself); it is not a new one.
  if (flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN") return startFlow(deps, request);
  const device = { deviceKey: request.parameters?.DEVICE_KEY, sourceIp: request.sourceIp };
  return deviceInsteadOfMfa(deps, { ...request, deviceKey: device.deviceKey }, await startFlow({ ...deps, signInDevice: device }, request));
}

/** The flow's first step, once the flow is known to be allowed. */
async function startFlow(
  deps: AuthDeps,
  request: ClientInPool & { flow: AuthFlowType; parameters: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { flow } = request;
  switch (flow) {
    case "USER_PASSWORD_AUTH":
    case "ADMIN_USER_PASSWORD_AUTH":
    case "ADMIN_NO_SRP_AUTH":
      return signInWithPassword(deps, request);
    case "REFRESH_TOKEN_AUTH":
    case "REFRESH_TOKEN":
      return signInWithRefreshToken(deps, request);
    case "USER_SRP_AUTH":
      return startSrpSignIn(deps, request);
    case "USER_AUTH":
      return startChoiceSignIn(deps, request);
    case "CUSTOM_AUTH":
      return startCustomSignIn(deps, request);
  }
}

/** Cognito words this per flow; only the password and SRP forms are on record, the rest share the generic one. */
function flowNotEnabled(flow: AuthFlowType): CognitoError {
  switch (flow) {
    case "USER_PASSWORD_AUTH":
      return userPasswordAuthNotEnabled();
    case "USER_SRP_AUTH":
      return userSrpAuthNotEnabled();
    default:
      return authFlowNotEnabled();
  }
}

/**
 * RespondToAuthChallenge / AdminRespondToAuthChallenge once the client is known, for the challenges Cognate
 * issues. NEW_PASSWORD_REQUIRED, SELECT_CHALLENGE, the MFA and the one-time-code answers must carry the Session they were given;
 * PASSWORD_VERIFIER's state travels in its SECRET_BLOCK instead.
 */
export async function respondToChallenge(
  deps: AuthDeps,
  request: ClientInPool & {
    challenge: ChallengeNameType;
    session: string | undefined;
    responses: Record<string, string> | undefined;
    now: Date;
    sourceIp?: string | undefined;
  },
): Promise<AuthOutcome> {
  // The sign-in's device: the one it completes on is bound to its tokens, or asked for instead of MFA.
  const device = { deviceKey: request.responses?.DEVICE_KEY, sourceIp: request.sourceIp };
  return deviceInsteadOfMfa(deps, { ...request, deviceKey: device.deviceKey }, await answerChallenge({ ...deps, signInDevice: device }, request));
}

async function answerChallenge(
  deps: AuthDeps,
  request: ClientInPool & {
    challenge: ChallengeNameType;
    session: string | undefined;
    responses: Record<string, string> | undefined;
    now: Date;
  },
): Promise<AuthOutcome> {
  switch (request.challenge) {
    case "NEW_PASSWORD_REQUIRED":
      return answerNewPasswordRequired(deps, { ...request, session: requiredSession(request.session) });
    case "PASSWORD_VERIFIER":
      return answerPasswordVerifier(deps, request);
    case "SELECT_CHALLENGE":
      return answerSelectChallenge(deps, { ...request, session: requiredSession(request.session) });
    case "SOFTWARE_TOKEN_MFA":
      return answerSoftwareTokenMfa(deps, { ...request, session: requiredSession(request.session) });
    case "MFA_SETUP":
      return answerMfaSetup(deps, { ...request, session: requiredSession(request.session) });
    case "SELECT_MFA_TYPE":
      return answerSelectMfaType(deps, { ...request, session: requiredSession(request.session) });
    case "SMS_MFA":
    case "EMAIL_OTP":
    case "SMS_OTP":
      return answerCodeChallenge(deps, { ...request, challenge: request.challenge, session: requiredSession(request.session) });
    case "WEB_AUTHN":
      return answerWebAuthn(deps, { ...request, session: requiredSession(request.session) });
    case "DEVICE_SRP_AUTH":
      return answerDeviceSrpAuth(deps, { ...request, session: requiredSession(request.session) });
    case "DEVICE_PASSWORD_VERIFIER":
      return answerDevicePasswordVerifier(deps, { ...request, session: requiredSession(request.session) });
    case "CUSTOM_CHALLENGE":
      return answerCustomChallenge(deps, { ...request, session: requiredSession(request.session) });
    default:
      throw challengeNotSupported(request.challenge);
  }
}

function requiredSession(session: string | undefined): string {
  if (session === undefined) throw missingRequiredParameter("Session");
  return session;
}
