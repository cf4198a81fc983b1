/**
 * Trigger functions as an app writes them, typed with @types/aws-lambda. The tests drive them through the
 * request's ClientMetadata (or ValidationData): `behaviour` = `throw` (with `message`), `garbage`, `hang`.
 */
import { writeFileSync } from "node:fs";
import type {
  CustomEmailSenderTriggerHandler,
  CustomSMSSenderTriggerHandler,
  UserMigrationTriggerHandler,
  CustomMessageTriggerHandler,
  CreateAuthChallengeTriggerHandler,
  DefineAuthChallengeTriggerHandler,
  VerifyAuthChallengeResponseTriggerHandler,
  PostAuthenticationTriggerHandler,
  PostConfirmationTriggerHandler,
  PreAuthenticationTriggerHandler,
  PreSignUpTriggerHandler,
  PreTokenGenerationTriggerHandler,
  PreTokenGenerationV2TriggerHandler,
  PreTokenGenerationV3TriggerHandler,
} from "aws-lambda";

type Driven = { request: { clientMetadata?: Record<string, string>; validationData?: Record<string, string> } };

/** Throws, answers garbage or never answers when the request asks it to. */
async function misbehave(event: Driven): Promise<unknown> {
  const asked = { ...event.request.validationData, ...event.request.clientMetadata };
  if (asked.behaviour === "throw") throw new Error(asked.message ?? "refused");
  if (asked.behaviour === "garbage") return "not an event";
  // Longer than Cognito's 5 seconds, and finite, so that an in-process server can still stop.
  if (asked.behaviour === "hang") await new Promise((resolve) => setTimeout(resolve, 7000));
  return undefined;
}

/** Confirms users of example.com and verifies their email; refuses sign-ups named "blocked". */
export const preSignUp: PreSignUpTriggerHandler = async (event) => {
  const odd = await misbehave(event);
  if (odd !== undefined) return odd as never;
  if (event.userName === "blocked") throw new Error("Sign-ups of blocked are closed");
  if (event.request.userAttributes.email?.endsWith("@example.com")) {
    event.response.autoConfirmUser = true;
    event.response.autoVerifyEmail = true;
  }
  return event;
};

/** Callback style, as older handlers are written. */
export const postConfirmation: PostConfirmationTriggerHandler = (event, _context, callback) => {
  const asked = event.request.clientMetadata ?? {};
  if (asked.behaviour === "throw") return callback(new Error(asked.message ?? "welcome mail failed"));
  callback(null, event);
};

export const preAuthentication: PreAuthenticationTriggerHandler = async (event) => {
  const odd = await misbehave(event);
  if (odd !== undefined) return odd as never;
  if (event.request.userAttributes["custom:banned"] === "yes") throw new Error("You are banned");
  return event;
};

export const postAuthentication: PostAuthenticationTriggerHandler = async (event) => {
  const odd = await misbehave(event);
  if (odd !== undefined) return odd as never;
  return event;
};

/** V1: a claim added, one suppressed, the groups replaced. */
export const preTokenGenerationV1: PreTokenGenerationTriggerHandler = async (event) => {
  event.response = {
    claimsOverrideDetails: {
      claimsToAddOrOverride: { tenant: "acme", "cognito:username_hint": event.userName },
      claimsToSuppress: ["email"],
      groupOverrideDetails: { groupsToOverride: ["from-trigger"] },
    },
  };
  return event;
};

/**
 * V2: claims of both tokens, scopes added and suppressed. Cognito takes arrays and objects as V2 claim values,
 * which @types/aws-lambda types as strings only.
 */
export const preTokenGenerationV2: PreTokenGenerationV2TriggerHandler = async (event) => {
  const structured = (claims: Record<string, unknown>) => claims as Record<string, string>;
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: structured({ tenant: "acme", roles: ["admin", "billing"] }), claimsToSuppress: ["email"] },
      accessTokenGeneration: {
        claimsToAddOrOverride: structured({ tenant: "acme", entitlements: { plan: "pro" } }),
        scopesToAdd: ["orders/read"],
        scopesToSuppress: ["aws.cognito.signin.user.admin"],
      },
      groupOverrideDetails: { groupsToOverride: ["v2-group"] },
    },
  };
  return event;
};

/** The classic trio: a secret word asked up to three times; tokens after a right answer. */
export const defineAuthChallenge: DefineAuthChallengeTriggerHandler = async (event) => {
  const last = event.request.session.at(-1);
  if (last?.challengeResult === true) {
    event.response.issueTokens = true;
    event.response.failAuthentication = false;
  } else if (event.request.session.length >= 3) {
    event.response.issueTokens = false;
    event.response.failAuthentication = true;
  } else {
    event.response.issueTokens = false;
    event.response.failAuthentication = false;
    event.response.challengeName = "CUSTOM_CHALLENGE";
  }
  return event;
};

/** AWS's example of SRP as the first step: SRP_A → PASSWORD_VERIFIER → one secret word → tokens. */
export const defineAuthChallengeAfterPassword: DefineAuthChallengeTriggerHandler = async (event) => {
  const session = event.request.session;
  const last = session.at(-1);
  event.response.issueTokens = false;
  event.response.failAuthentication = false;
  if (session.length === 1 && last?.challengeName === "SRP_A") {
    event.response.challengeName = "PASSWORD_VERIFIER";
  } else if (session.length === 2 && last?.challengeName === "PASSWORD_VERIFIER" && last.challengeResult) {
    event.response.challengeName = "CUSTOM_CHALLENGE";
  } else if (session.length === 3 && last?.challengeName === "CUSTOM_CHALLENGE" && last.challengeResult) {
    event.response.issueTokens = true;
  } else {
    event.response.failAuthentication = true;
  }
  return event;
};

export const createAuthChallenge: CreateAuthChallengeTriggerHandler = async (event) => {
  event.response.publicChallengeParameters = { question: "What is the secret word?", attempt: String(event.request.session.length + 1) };
  event.response.privateChallengeParameters = { answer: "swordfish" };
  event.response.challengeMetadata = "SECRET_WORD";
  return event;
};

export const verifyAuthChallengeResponse: VerifyAuthChallengeResponseTriggerHandler = async (event) => {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
};

/**
 * Every code message rewritten, naming its source so that a test sees which one Cognate sent; an invitation
 * shows the name through `usernameParameter`. ClientMetadata `behaviour: "no-code"` forgets the placeholders.
 */
export const customMessage: CustomMessageTriggerHandler = async (event) => {
  const code = event.request.clientMetadata?.behaviour === "no-code" ? "(no code)" : event.request.codeParameter;
  const signInAs = event.triggerSource === "CustomMessage_AdminCreateUser" && code !== "(no code)" ? ` Sign in as ${event.request.usernameParameter}.` : "";
  event.response.emailSubject = `[${event.triggerSource}] your code`;
  event.response.emailMessage = `Hello ${event.userName}, the code is ${code}.${signInAs}`;
  event.response.smsMessage = `Code ${code}${signInAs}`;
  return event;
};

/** V3: names the source in the access token; a machine's token also gets the caller's metadata and a scope. */
export const preTokenGenerationV3: PreTokenGenerationV3TriggerHandler = async (event) => {
  const machine = event.triggerSource === "TokenGeneration_ClientCredentials";
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: {
        claimsToAddOrOverride: { source: event.triggerSource, ...(machine ? { tenant: event.request.clientMetadata?.tenant ?? "none" } : {}) },
        scopesToAdd: machine ? ["orders/audit"] : [],
      },
    },
  };
  return event;
};

/**
 * The old system knows "legacy" with the password "Legacy-Pass1"; a forgotten password of "legacy" brings the
 * user over with a verified email, for the reset code.
 */
export const userMigration: UserMigrationTriggerHandler = async (event) => {
  if (event.triggerSource === "UserMigration_ForgotPassword") {
    if (event.userName !== "legacy") return event;
    event.response.userAttributes = { email: "legacy@elsewhere.org", email_verified: "true" };
    event.response.messageAction = "SUPPRESS";
    return event;
  }
  if (event.userName !== "legacy" || event.request.password !== "Legacy-Pass1") throw new Error("Bad password");
  event.response.userAttributes = { email: "legacy@elsewhere.org", email_verified: "true" };
  event.response.finalUserStatus = "CONFIRMED";
  event.response.messageAction = "SUPPRESS";
  return event;
};

/**
 * A custom sender as AWS documents it, decrypting `request.code` with the AWS Encryption SDK, here under the raw
 * AES keyring Cognate serves at /_cognate/sender-key (given in ClientMetadata `keyring`); it "delivers" by
 * writing the source and the code to the file ClientMetadata `outFile` names.
 */
async function deliverDecrypted(event: { triggerSource: string; request: { code: string | null; clientMetadata?: Record<string, string> | undefined } }): Promise<void> {
  const { keyring, outFile } = event.request.clientMetadata ?? {};
  if (keyring === undefined || outFile === undefined || event.request.code === null) throw new Error("nothing to deliver");
  const [{ buildDecrypt }, { RawAesKeyringNode, RawAesWrappingSuiteIdentifier }] = await Promise.all([
    import("@aws-crypto/decrypt-node"),
    import("@aws-crypto/raw-aes-keyring-node"),
  ]);
  const key = JSON.parse(keyring) as { keyNamespace: string; keyName: string; key: string; wrappingSuite: "AES256_GCM_IV12_TAG16_NO_PADDING" };
  const aes = new RawAesKeyringNode({
    keyNamespace: key.keyNamespace,
    keyName: key.keyName,
    unencryptedMasterKey: new Uint8Array(Buffer.from(key.key, "base64")),
    wrappingSuite: RawAesWrappingSuiteIdentifier[key.wrappingSuite],
  });
  const { plaintext } = await buildDecrypt().decrypt(aes, Buffer.from(event.request.code, "base64"));
  writeFileSync(outFile, JSON.stringify({ triggerSource: event.triggerSource, code: plaintext.toString("utf8") }));
}

export const customEmailSender: CustomEmailSenderTriggerHandler = async (event) => {
  await deliverDecrypted(event);
};

export const customSmsSender: CustomSMSSenderTriggerHandler = async (event) => {
  await deliverDecrypted(event);
};
