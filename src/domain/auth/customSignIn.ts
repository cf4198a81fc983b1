import { customAuthNotConfigured, incorrectUsernameOrPassword, invalidLambdaResponse, invalidSession, userDisabled, userNotFound } from "../../errors/catalogue.js";
import type { ClientInPool } from "../clients/types.js";
import { booleanMember, runTrigger, stringMapMember, triggerFunction } from "../triggers/run.js";
import { preAuthentication, triggerUserAttributes } from "../triggers/userTriggers.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { requiredParameter } from "./parameters.js";
import { checkBeforeProof } from "./passwordSignIn.js";
import { completeSignIn } from "./secondFactor.js";
import { checkSecretHash } from "./secretHash.js";
import { clientPublicValue, offerPasswordVerifier } from "./srpSignIn.js";
import { consumeSession, openSession, startSession } from "./sessions.js";
import type { AuthDeps, AuthOutcome } from "./types.js";

/** One answered challenge, as DefineAuthChallenge and CreateAuthChallenge receive the sign-in's history. */
interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

/** What a CUSTOM_CHALLENGE's session keeps between the question and the answer (sealed at rest). */
interface CustomChallengeState {
  history: ChallengeResult[];
  privateChallengeParameters: Record<string, string>;
  challengeMetadata?: string;
}

/**
 * CUSTOM_AUTH (docs/behaviour.md#lambda-triggers): USERNAME (and SECRET_HASH) name a known user, then
 * DefineAuthChallenge decides each step from the history: tokens, failure, or a CUSTOM_CHALLENGE that
 * CreateAuthChallenge makes and VerifyAuthChallengeResponse checks. With SRP_A (amazon-cognito-identity-js
 * sends it with CHALLENGE_NAME SRP_A) the history starts with an answered `SRP_A`, and DefineAuthChallenge may
 * ask for PASSWORD_VERIFIER: the password proven by SRP as a step before the custom ones.
 */
export async function startCustomSignIn(
  deps: AuthDeps,
  request: ClientInPool & { parameters: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, parameters, now } = request;
  const username = requiredParameter(parameters, "USERNAME");
  checkSecretHash(client, parameters?.SECRET_HASH, username);
  if (!deps.triggers.enabled || triggerFunction(pool, "DefineAuthChallenge") === undefined || triggerFunction(pool, "CreateAuthChallenge") === undefined) {
    throw customAuthNotConfigured();
  }
  const srpA = parameters?.SRP_A === undefined ? undefined : clientPublicValue(parameters.SRP_A);
  const user = await findUser(deps.store, pool, username);
  if (user === undefined) throw userNotFound();
  // Cognito runs PreAuthentication at every sign-in attempt, a custom one included, before the first challenge.
  await preAuthentication(deps, pool, { user, clientId: client.clientId });
  await checkBeforeProof(deps.store, { client, user, now });
  const history: ChallengeResult[] = srpA === undefined ? [] : [{ challengeName: "SRP_A", challengeResult: true }];
  return nextCustomStep(deps, { pool, client, user, history, now, ...(srpA === undefined ? {} : { srpA }) });
}

/** A PASSWORD_VERIFIER that CUSTOM_AUTH asked for, answered with the right password: DefineAuthChallenge decides again. */
export async function continueAfterPasswordVerifier(
  deps: AuthDeps,
  request: ClientInPool & { user: UserRecord; history: unknown[]; now: Date },
): Promise<AuthOutcome> {
  const history = [...(request.history as ChallengeResult[]), { challengeName: "PASSWORD_VERIFIER", challengeResult: true }];
  return nextCustomStep(deps, { ...request, history });
}

/** RespondToAuthChallenge with CUSTOM_CHALLENGE: the session's question, USERNAME and ANSWER. */
export async function answerCustomChallenge(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const answer = requiredParameter(responses, "ANSWER");
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const session = await openSession(deps.store, { token: request.session, client, challenge: "CUSTOM_CHALLENGE", now });
  const user = await findUser(deps.store, pool, username);
  if (user === undefined || user.username !== session.username) throw invalidSession();
  await deps.store.transaction((tx) => consumeSession(tx, session));
  const state = session.data as unknown as CustomChallengeState;
  const verified = await runTrigger(deps, pool, "VerifyAuthChallengeResponse", {
    triggerSource: "VerifyAuthChallengeResponse_Authentication",
    userName: user.username,
    clientId: client.clientId,
    request: {
      userAttributes: triggerUserAttributes(user),
      privateChallengeParameters: state.privateChallengeParameters,
      challengeAnswer: answer,
      clientMetadata: deps.triggerCall?.clientMetadata,
      userNotFound: false,
    },
    response: { answerCorrect: false },
  });
  if (verified === undefined) throw customAuthNotConfigured();
  const result: ChallengeResult = {
    challengeName: "CUSTOM_CHALLENGE",
    challengeResult: booleanMember(verified, "answerCorrect"),
    ...(state.challengeMetadata === undefined ? {} : { challengeMetadata: state.challengeMetadata }),
  };
  return nextCustomStep(deps, { pool, client, user, history: [...state.history, result], now });
}

/** DefineAuthChallenge decides; a new CUSTOM_CHALLENGE is made by CreateAuthChallenge and kept in a session. */
async function nextCustomStep(
  deps: AuthDeps,
  step: ClientInPool & { user: UserRecord; history: ChallengeResult[]; now: Date; srpA?: bigint },
): Promise<AuthOutcome> {
  const { pool, client, user, history, now } = step;
  const common = { userName: user.username, clientId: client.clientId };
  const decision = await runTrigger(deps, pool, "DefineAuthChallenge", {
    triggerSource: "DefineAuthChallenge_Authentication",
    ...common,
    request: { userAttributes: triggerUserAttributes(user), session: history, clientMetadata: deps.triggerCall?.clientMetadata, userNotFound: false },
    response: { challengeName: null, issueTokens: false, failAuthentication: false },
  });
  if (decision === undefined) throw customAuthNotConfigured();
  if (booleanMember(decision, "failAuthentication")) throw incorrectUsernameOrPassword();
  if (booleanMember(decision, "issueTokens")) {
    if (!user.enabled) throw userDisabled();
    return completeSignIn(deps, { pool, client, user, now });
  }
  // PASSWORD_VERIFIER only right after SRP_A, whose A it needs; any other step but CUSTOM_CHALLENGE is not one.
  if (decision.challengeName === "PASSWORD_VERIFIER" && step.srpA !== undefined) {
    return offerPasswordVerifier(deps, { pool, client, user, username: user.username, A: step.srpA, now, customHistory: history });
  }
  if (decision.challengeName !== "CUSTOM_CHALLENGE") throw invalidLambdaResponse();
  const created = await runTrigger(deps, pool, "CreateAuthChallenge", {
    triggerSource: "CreateAuthChallenge_Authentication",
    ...common,
    request: {
      userAttributes: triggerUserAttributes(user),
      challengeName: "CUSTOM_CHALLENGE",
      session: history,
      clientMetadata: deps.triggerCall?.clientMetadata,
      userNotFound: false,
    },
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  });
  if (created === undefined) throw customAuthNotConfigured();
  const metadata = created.challengeMetadata;
  if (metadata !== undefined && metadata !== null && typeof metadata !== "string") throw invalidLambdaResponse();
  const state: CustomChallengeState = {
    history,
    privateChallengeParameters: stringMapMember(created.privateChallengeParameters) ?? {},
    ...(typeof metadata === "string" ? { challengeMetadata: metadata } : {}),
  };
  const session = await startSession(deps, {
    client,
    username: user.username,
    challenge: "CUSTOM_CHALLENGE",
    now,
    data: state as unknown as Record<string, unknown>,
  });
  return {
    ChallengeName: "CUSTOM_CHALLENGE",
    Session: session,
    ChallengeParameters: { ...(stringMapMember(created.publicChallengeParameters) ?? {}), USERNAME: user.username },
  };
}
