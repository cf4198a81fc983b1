import { passwordResetRequired, userDisabled, webAuthnAssertionRejected, webAuthnCredentialMalformed, invalidSession } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import type { ClientInPool } from "../clients/types.js";
import { signInTokens } from "./challengeUser.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { clientData, parsedCredentialText, publicKeyCredential } from "../webAuthn/ceremony.js";
import { passkeysOf } from "../webAuthn/registration.js";
import { checkOrigin, passkeysEnabled, relyingParty, type RelyingParty } from "../webAuthn/relyingParty.js";
import { requiredParameter } from "./parameters.js";
import { checkSecretHash } from "./secretHash.js";
import { consumeSession, openSession, startSession } from "./sessions.js";
import type { AuthDeps, AuthOutcome } from "./types.js";

/*
 * WEB_AUTHN, a first factor of choice-based sign-in (USER_AUTH; docs/behaviour.md#passkeys): the user's
 * passkeys are offered in CREDENTIAL_REQUEST_OPTIONS and the browser's assertion comes back as CREDENTIAL.
 */

/**
 * The relying party the user may sign in with a passkey of, when the pool allows passkeys, has a relying
 * party and the user has registered a passkey; undefined otherwise (WEB_AUTHN is then not offered).
 */
export async function passkeySignInAvailable(deps: AuthDeps, pool: ClientInPool["pool"], user: UserRecord | undefined): Promise<RelyingParty | undefined> {
  if (user === undefined || !passkeysEnabled(pool)) return undefined;
  if ((await passkeysOf(deps.store, pool.id, user.sub)).length === 0) return undefined;
  try {
    return await relyingParty(deps.store, pool);
  } catch (error) {
    if (error instanceof CognitoError) return undefined;
    throw error;
  }
}

/**
 * The WEB_AUTHN challenge: a Session remembering a fresh challenge, and PublicKeyCredentialRequestOptionsJSON
 * (as JSON text) listing the user's passkeys, for navigator.credentials.get().
 */
export async function offerWebAuthn(
  deps: AuthDeps,
  request: ClientInPool & { user: UserRecord; rp: RelyingParty; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, user, rp, now } = request;
  const challenge = deps.random.bytes(32).toString("base64url");
  const passkeys = await passkeysOf(deps.store, pool.id, user.sub);
  const session = await startSession(deps, {
    client,
    username: user.username,
    challenge: "WEB_AUTHN",
    now,
    data: { challenge, rpId: rp.id, userVerification: rp.userVerification },
  });
  const options = {
    challenge,
    timeout: 180_000,
    rpId: rp.id,
    allowCredentials: passkeys.map((passkey) => ({ type: "public-key", id: passkey.credentialId, transports: passkey.transports })),
    userVerification: rp.userVerification,
  };
  return {
    ChallengeName: "WEB_AUTHN",
    Session: session,
    ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
  };
}

/**
 * The answer to WEB_AUTHN: USERNAME and CREDENTIAL, an AuthenticationResponseJSON as text. The assertion must
 * be by one of the user's passkeys, over the session's challenge, from an origin of the relying party, with
 * user verification where the pool requires it and a signature counter that moved on (a cloned authenticator
 * repeats one). Any failure there is one NotAuthorizedException; success uses the session up, stores the
 * counter and issues tokens: a passkey is itself a strong factor, so no MFA follows.
 */
export async function answerWebAuthn(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const text = requiredParameter(responses, "CREDENTIAL");
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const credential = publicKeyCredential(parsedCredentialText(text), ["clientDataJSON", "authenticatorData", "signature"], "CREDENTIAL");
  const data = clientData(credential.response.clientDataJSON, "CREDENTIAL");
  if (data.type !== "webauthn.get") throw webAuthnCredentialMalformed("CREDENTIAL");

  const session = await openSession(deps.store, { token: request.session, client, challenge: "WEB_AUTHN", now });
  const user = await findUser(deps.store, pool, username);
  if (user === undefined || user.username !== session.username) throw invalidSession();
  if (!user.enabled) throw userDisabled();
  const passkey = await deps.store.webAuthnCredentials.get(pool.id, credential.id);
  if (passkey === undefined || passkey.userSub !== user.sub) throw webAuthnAssertionRejected();
  const rpId = String(session.data.rpId);
  try {
    checkOrigin(data.origin, rpId);
  } catch {
    throw webAuthnAssertionRejected();
  }
  const { verifyAuthenticationResponse } = await import("@simplewebauthn/server");
  const verified = await verifyAuthenticationResponse({
    response: credential as never,
    expectedChallenge: String(session.data.challenge),
    expectedOrigin: data.origin,
    expectedRPID: rpId,
    credential: { id: passkey.credentialId, publicKey: Buffer.from(passkey.publicKey, "base64url"), counter: passkey.signCount },
    requireUserVerification: session.data.userVerification === "required",
  }).catch(() => undefined);
  if (verified === undefined || !verified.verified) throw webAuthnAssertionRejected();
  if (user.status === "RESET_REQUIRED") throw passwordResetRequired();

  await deps.store.transaction(async (tx) => {
    await consumeSession(tx, session);
    const counted = await tx.webAuthnCredentials.recordUse(pool.id, passkey.credentialId, passkey.signCount, verified.authenticationInfo.newCounter);
    if (!counted) throw webAuthnAssertionRejected();
  });
  return signInTokens(deps, { pool, client, user, now });
}
