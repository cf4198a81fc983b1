/**
 * Trigger functions as an app writes them, typed with @types/aws-lambda. The tests drive them through the
 * request's ClientMetadata (or ValidationData): `behaviour` = `throw` (with `message`), `garbage`, `hang`.
 */
import type {
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

/** Every code message rewritten, naming its source so that a test sees which one Cognate sent. */
export const customMessage: CustomMessageTriggerHandler = async (event) => {
  event.response.emailSubject = `[${event.triggerSource}] your code`;
  event.response.emailMessage = `Hello ${event.userName}, the code is ${event.request.codeParameter}.`;
  event.response.smsMessage = `Code ${event.request.codeParameter}`;
  return event;
};

/** The old system knows "legacy" with the password "Legacy-Pass1". */
export const userMigration: UserMigrationTriggerHandler = async (event) => {
  if (event.userName !== "legacy" || event.request.password !== "Legacy-Pass1") throw new Error("Bad password");
  event.response.userAttributes = { email: "legacy@elsewhere.org", email_verified: "true" };
  event.response.finalUserStatus = "CONFIRMED";
  event.response.messageAction = "SUPPRESS";
  return event;
};
