import { createHash } from "node:crypto";
import type { AuthEventType, AuthFlowType, ChallengeNameType, ChallengeResponseType, ContextDataType, EventContextDataType } from "@aws-sdk/client-cognito-identity-provider";
import { authEventNotFound, invalidFeedbackToken } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import type { AuthOutcome } from "../auth/types.js";
import type { LogDestinations } from "../ports/logDestinations.js";
import type { Store } from "../ports/store.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Random } from "../random.js";
import { hasThreatProtection } from "../risk/riskConfiguration.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import type { AuthEventRecord } from "./types.js";

/** What a sign-in step checks: the password (or a new one), or the second factor. */
export type SignInStep = "Password" | "Mfa";

/** The user an InitiateAuth names, for its event; a refresh is no sign-in and records none. */
export function signInUsername(flow: AuthFlowType, parameters: Record<string, string> | undefined): string | undefined {
  return flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN" ? undefined : parameters?.USERNAME;
}

/** The step a challenge answer takes. */
export function stepOfChallenge(challenge: ChallengeNameType): SignInStep {
  return ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP", "SMS_OTP", "MFA_SETUP"].includes(challenge) ? "Mfa" : "Password";
}

/**
 * Runs one sign-in step and, on a pool with threat protection, records its auth event for the user it
 * names (docs/behaviour.md#auth-events): tokens are `Pass`, a further challenge after the password is proven
 * `InProgress`, a wrong password or code `Fail`. A step that proves nothing yet (SRP's first leg, a choice
 * of factor) and a refused request that names no user record nothing. The step's own answer or error is
 * returned unchanged.
 */
export async function withSignInEvent(
  deps: SignInEventDeps,
  request: { pool: UserPoolRecord; username: string | undefined; step: SignInStep; context: EventContextDataType; now: Date },
  run: () => Promise<AuthOutcome>,
): Promise<AuthOutcome> {
  if (!hasThreatProtection(request.pool) || request.username === undefined) return run();
  let outcome: AuthOutcome;
  try {
    outcome = await run();
  } catch (error) {
    if (error instanceof CognitoError && (error.type === "NotAuthorizedException" || error.type === "CodeMismatchException")) {
      await record(deps, request, "Fail", [{ ChallengeName: request.step, ChallengeResponse: "Failure" }]);
    }
    throw error;
  }
  const proven: ChallengeResponseType[] = [{ ChallengeName: request.step, ChallengeResponse: "Success" }];
  if (outcome.AuthenticationResult !== undefined) await record(deps, request, "Pass", proven);
  else if (outcome.ChallengeName !== "PASSWORD_VERIFIER" && outcome.ChallengeName !== "SELECT_CHALLENGE") {
    await record(deps, request, "InProgress", proven);
  }
  return outcome;
}

/** What recording needs: the store, randomness, and where exported logs go (none: nothing exported). */
export interface SignInEventDeps {
  store: Store;
  random: Random;
  logDestinations?: LogDestinations | undefined;
}

async function record(
  deps: SignInEventDeps,
  request: { pool: UserPoolRecord; username: string | undefined; context: EventContextDataType; now: Date },
  response: AuthEventRecord["response"],
  challengeResponses: ChallengeResponseType[],
): Promise<void> {
  const user = await findUser(deps.store, request.pool, request.username!);
  if (user === undefined) return;
  const event: AuthEventRecord = {
    eventId: deps.random.uuid(),
    poolId: request.pool.id,
    username: user.username,
    type: "SignIn",
    createdAt: request.now,
    response,
    // Cognate assesses no risk: every event is rated as Cognito rates a sign-in it finds nothing wrong with.
    risk: { RiskDecision: "NoRisk", CompromisedCredentialsDetected: false },
    challengeResponses,
    context: request.context,
    // Tokens go out only with risk notifications, which Cognate does not send; the hash keeps the check honest.
    feedbackTokenHash: hashToken(deps.random.bytes(32).toString("base64url")),
  };
  await deps.store.authEvents.append(event);
  await exportAuthEvent(deps, event);
}

/**
 * Writes the event to the pool's `userAuthEvents` log destination, when one is configured and Cognate has
 * somewhere to write it (docs/behaviour.md#log-delivery).
 */
async function exportAuthEvent(deps: SignInEventDeps, event: AuthEventRecord): Promise<void> {
  if (deps.logDestinations === undefined) return;
  const configuration = (await deps.store.logDelivery.get(event.poolId))?.find((candidate) => candidate.EventSource === "userAuthEvents");
  const destination =
    configuration?.CloudWatchLogsConfiguration?.LogGroupArn ?? configuration?.FirehoseConfiguration?.StreamArn ?? configuration?.S3Configuration?.BucketArn;
  if (destination === undefined) return;
  await deps.logDestinations.append(destination, {
    eventSource: "userAuthEvents",
    logLevel: "INFO",
    userPoolId: event.poolId,
    username: event.username,
    eventTimestamp: event.createdAt.toISOString(),
    message: { ...toAuthEventType(event), CreationDate: event.createdAt.toISOString() },
  });
}

/** The context an event records: the address the request came from or the one the app passed on for its user. */
export function eventContext(given: { IpAddress?: string | undefined; userAgent?: string | undefined }, sourceIp: string | undefined): EventContextDataType {
  const IpAddress = given.IpAddress ?? sourceIp;
  return { ...(IpAddress === undefined ? {} : { IpAddress }), ...(given.userAgent === undefined ? {} : { DeviceName: given.userAgent }) };
}

/** What an Admin* sign-in's ContextData tells of the user's request: their address and user agent. */
export function adminContext(data: ContextDataType | undefined): { IpAddress?: string; userAgent?: string } {
  if (data === undefined) return {};
  const userAgent = data.HttpHeaders?.find((header) => header.headerName?.toLowerCase() === "user-agent")?.headerValue;
  return { ...(data.IpAddress === undefined ? {} : { IpAddress: data.IpAddress }), ...(userAgent === undefined ? {} : { userAgent }) };
}

export function toAuthEventType(event: AuthEventRecord): AuthEventType {
  return {
    EventId: event.eventId,
    EventType: event.type,
    CreationDate: event.createdAt,
    EventResponse: event.response,
    EventRisk: event.risk,
    ChallengeResponses: event.challengeResponses,
    EventContextData: event.context,
    ...(event.feedback === undefined
      ? {}
      : { EventFeedback: { FeedbackValue: event.feedback.value, Provider: event.feedback.provider, FeedbackDate: event.feedback.at } }),
  };
}

/**
 * Rates an event: by an administrator (AdminUpdateAuthEventFeedback) or by the user with the event's
 * feedback token (UpdateAuthEventFeedback). The latest rating replaces any earlier one.
 */
export async function rateAuthEvent(
  store: Store,
  request: { user: UserRecord; eventId: string; value: "Valid" | "Invalid"; feedbackToken?: string; now: Date },
): Promise<void> {
  const event = await store.authEvents.get(request.user.poolId, request.user.username, request.eventId);
  if (event === undefined) throw authEventNotFound(request.eventId);
  if (request.feedbackToken !== undefined && hashToken(request.feedbackToken) !== event.feedbackTokenHash) throw invalidFeedbackToken();
  const provider = request.feedbackToken === undefined ? "Admin" : "User";
  await store.authEvents.setFeedback(event.poolId, event.username, event.eventId, { value: request.value, provider, at: request.now });
}

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
