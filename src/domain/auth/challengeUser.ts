import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { invalidSession, userDisabled } from "../../errors/catalogue.js";
import type { ClientInPool } from "../clients/types.js";
import { deviceForSignIn } from "../devices/devices.js";
import { issueTokens } from "../tokens/issue.js";
import type { TokenSource } from "../triggers/tokenTriggers.js";
import { postAuthentication } from "../triggers/userTriggers.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { openSession } from "./sessions.js";
import type { AuthDeps, AuthOutcome, AuthSessionRecord } from "./types.js";

/** The live session and the user it was opened for, who must still be the one USERNAME names and enabled. */
export async function sessionUser(
  deps: AuthDeps,
  request: ClientInPool & { session: string; username: string; challenge: ChallengeNameType; now: Date },
): Promise<{ session: AuthSessionRecord; user: UserRecord }> {
  const { pool, client, now } = request;
  const session = await openSession(deps.store, { token: request.session, client, challenge: request.challenge, now });
  const user = await findUser(deps.store, pool, request.username);
  if (user === undefined || user.username !== session.username) throw invalidSession();
  if (!user.enabled) throw userDisabled();
  return { session, user };
}

/**
 * The end of every successful sign-in: PostAuthentication, then the tokens (through pre token generation),
 * with the empty ChallengeParameters Cognito sends.
 */
export async function tokensFor(deps: AuthDeps, request: ClientInPool & { user: UserRecord; now: Date }): Promise<AuthOutcome> {
  await postAuthentication(deps, request.pool, { user: request.user, clientId: request.client.clientId });
  // The managed login pages end a sign-in with an authorization code instead (domain/oauth/login.ts).
  if (deps.finishSignIn !== undefined) return deps.finishSignIn(request);
  const tokenSource = deps.triggerCall?.answering === "NEW_PASSWORD_REQUIRED" ? "NewPasswordChallenge" : "Authentication";
  return signInTokens(deps, { ...request, tokenSource });
}

/**
 * The tokens of a completed API sign-in, with empty ChallengeParameters: in a pool tracking devices, bound
 * to the device the sign-in names, or to a new one handed out as NewDeviceMetadata (docs/behaviour.md#devices).
 */
export async function signInTokens(deps: AuthDeps, request: ClientInPool & { user: UserRecord; now: Date; tokenSource?: TokenSource }): Promise<AuthOutcome> {
  const device = deps.signInDevice === undefined ? undefined : await deviceForSignIn(deps, { ...request, ...deps.signInDevice });
  const result = await issueTokens(deps, { ...request, ...(device === undefined ? {} : { deviceKey: device.deviceKey }) });
  return { ChallengeParameters: {}, AuthenticationResult: device?.metadata === undefined ? result : { ...result, NewDeviceMetadata: device.metadata } };
}
