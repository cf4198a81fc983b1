import type {
  ListWebAuthnCredentialsResponse,
  StartWebAuthnRegistrationResponse,
  WebAuthnCredentialDescription,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  asNotAuthorized,
  tooManyPasskeys,
  webAuthnChallengeNotFound,
  webAuthnClientMismatch,
  webAuthnCredentialMalformed,
  webAuthnCredentialNotFound,
  webAuthnCredentialNotSupported,
  webAuthnRelyingPartyMismatch,
} from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { listPage } from "../pagination.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import { authenticateAccessToken, type AccessTokenHolder } from "../tokens/accessToken.js";
import type { TokenDeps } from "../tokens/issue.js";
import { clientData, publicKeyCredential } from "./ceremony.js";
import { checkOrigin, relyingParty, rpIdHash } from "./relyingParty.js";
import type { WebAuthnCredentialRecord } from "./types.js";

/*
 * Passkey registration (docs/behaviour.md#passkeys): StartWebAuthnRegistration hands out creation options
 * with a fresh challenge, kept server-side for the user until CompleteWebAuthnRegistration presents the
 * authenticator's answer to it, from the same app client.
 */

/** How long a registration challenge lasts, and the timeout the creation options tell the browser. */
const REGISTRATION_TIMEOUT_MS = 300_000;

/**
 * The most passkeys one user may have (docs/behaviour.md#passkeys): ListWebAuthnCredentials, which lists a
 * user's passkeys, pages at most 20 at a time, and the registration operations model LimitExceededException.
 */
export const MAX_PASSKEYS_PER_USER = 20;
/** ES256 and RS256, the algorithms passkey providers use, in that order of preference. */
const SUPPORTED_ALGORITHMS = [-7, -257];
/** The user states the passkey operations' models have no exception for: refused as not authorized. */
const UNMODELLED_FOR_PASSKEYS = new Set(["UserNotFoundException", "UserNotConfirmedException", "ResourceNotFoundException"]);

/**
 * The pending registration of a user is kept as an auth session under an id no session token hashes to (a
 * token's id is 64 hex digits), one per user: starting again replaces it.
 */
function registrationId(poolId: string, sub: string): string {
  return `webauthn-registration:${poolId}:${sub}`;
}

/** The access token's user, pool and client; a user gone or unconfirmed is NotAuthorizedException in the same words. */
export async function passkeyOwner(deps: TokenDeps, accessToken: string, now: Date): Promise<AccessTokenHolder> {
  try {
    return await authenticateAccessToken(deps, accessToken, now);
  } catch (error) {
    if (error instanceof CognitoError && UNMODELLED_FOR_PASSKEYS.has(error.type)) throw asNotAuthorized(error);
    throw error;
  }
}

/**
 * StartWebAuthnRegistration: PublicKeyCredentialCreationOptionsJSON for the pool's relying party, the user
 * (id: the `sub`, so a discoverable passkey names its user), a 32-byte challenge, the user's passkeys
 * excluded, a resident key required and user verification as the pool's WebAuthnConfiguration says. A user
 * who has MAX_PASSKEYS_PER_USER passkeys must delete one first.
 */
export async function startWebAuthnRegistration(
  deps: TokenDeps,
  accessToken: string,
  now: Date,
): Promise<StartWebAuthnRegistrationResponse> {
  const { pool, user, client } = await passkeyOwner(deps, accessToken, now);
  const rp = await relyingParty(deps.store, pool);
  const existing = await deps.store.webAuthnCredentials.listForUser(pool.id, user.sub, { limit: MAX_PASSKEYS_PER_USER });
  if (existing.items.length >= MAX_PASSKEYS_PER_USER) throw tooManyPasskeys(MAX_PASSKEYS_PER_USER);
  const challenge = deps.random.bytes(32).toString("base64url");
  const id = registrationId(pool.id, user.sub);
  await deps.store.transaction(async (tx) => {
    await tx.sessions.delete(id);
    await tx.sessions.create({
      id,
      poolId: pool.id,
      clientId: client.clientId,
      username: user.username,
      challenge: "WEB_AUTHN",
      createdAt: now,
      expiresAt: new Date(now.getTime() + REGISTRATION_TIMEOUT_MS),
      data: { challenge, rpId: rp.id },
    });
  });
  const name = user.attributes.email ?? user.username;
  return {
    CredentialCreationOptions: {
      rp: { id: rp.id, name: rp.id },
      user: { id: Buffer.from(user.sub, "utf8").toString("base64url"), name, displayName: user.attributes.name ?? name },
      challenge,
      pubKeyCredParams: SUPPORTED_ALGORITHMS.map((alg) => ({ type: "public-key", alg })),
      timeout: REGISTRATION_TIMEOUT_MS,
      excludeCredentials: existing.items.map((passkey) => ({ type: "public-key", id: passkey.credentialId, transports: passkey.transports })),
      authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: rp.userVerification },
      extensions: { credProps: true },
    },
  };
}

/**
 * CompleteWebAuthnRegistration: the authenticator's RegistrationResponseJSON to the user's pending challenge.
 * Checked in this order, each with Cognito's exception: a live registration (WebAuthnChallengeNotFound), the
 * same app client (WebAuthnClientMismatch), the credential's shape (InvalidParameter), the challenge signed
 * (WebAuthnChallengeNotFound), the origin (WebAuthnOriginNotAllowed), the relying party
 * (WebAuthnRelyingPartyMismatch), then the attestation itself by @simplewebauthn/server
 * (WebAuthnCredentialNotSupported for a format, key or signature it cannot verify, or no user verification
 * where the pool requires it). The passkey is stored and the challenge used up in one transaction. (The
 * user's room for another passkey was checked when the registration started: a user has one at a time.)
 */
export async function completeWebAuthnRegistration(
  deps: TokenDeps,
  request: { accessToken: string; credential: unknown },
  now: Date,
): Promise<Record<string, never>> {
  const { pool, user, client } = await passkeyOwner(deps, request.accessToken, now);
  const rp = await relyingParty(deps.store, pool);
  const id = registrationId(pool.id, user.sub);
  const pending = await deps.store.sessions.get(id);
  if (pending === undefined || pending.expiresAt.getTime() <= now.getTime()) throw webAuthnChallengeNotFound();
  if (pending.clientId !== client.clientId) throw webAuthnClientMismatch();
  const credential = publicKeyCredential(request.credential, ["clientDataJSON", "attestationObject"], "Credential");
  const data = clientData(credential.response.clientDataJSON, "Credential");
  if (data.type !== "webauthn.create") throw webAuthnCredentialMalformed("Credential");
  if (data.challenge !== pending.data.challenge) throw webAuthnChallengeNotFound();
  checkOrigin(data.origin, rp.id);
  if (pending.data.rpId !== rp.id || !(await attestedFor(credential.response.attestationObject, rp.id))) throw webAuthnRelyingPartyMismatch();

  const { verifyRegistrationResponse } = await import("@simplewebauthn/server");
  const verified = await verifyRegistrationResponse({
    response: credential as never,
    expectedChallenge: data.challenge,
    expectedOrigin: data.origin,
    expectedRPID: rp.id,
    requireUserVerification: rp.userVerification === "required",
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  }).catch(() => undefined);
  if (verified === undefined || !verified.verified) throw webAuthnCredentialNotSupported();
  const { credential: registered } = verified.registrationInfo;
  const attachment = credential.authenticatorAttachment;
  const passkey: WebAuthnCredentialRecord = {
    poolId: pool.id,
    userSub: user.sub,
    credentialId: registered.id,
    publicKey: Buffer.from(registered.publicKey).toString("base64url"),
    signCount: registered.counter,
    transports: registered.transports ?? [],
    ...(attachment === "platform" || attachment === "cross-platform" ? { authenticatorAttachment: attachment } : {}),
    friendlyName: FRIENDLY_NAME,
    relyingPartyId: rp.id,
    createdAt: now,
  };
  try {
    await deps.store.transaction(async (tx) => {
      if (!(await tx.sessions.delete(id))) throw webAuthnChallengeNotFound();
      await tx.webAuthnCredentials.create(passkey);
    });
  } catch (error) {
    // The authenticator is registered already (to this user or another of the pool).
    if (error instanceof StorageConflictError) throw webAuthnCredentialNotSupported();
    throw error;
  }
  return {};
}

/** Cognate keeps no catalogue of authenticator models (AAGUIDs) to name a passkey after, so all share this name. */
const FRIENDLY_NAME = "Passkey";

/** Whether the attestation's authenticator data is for the relying party `rpId`; unreadable is malformed. */
async function attestedFor(attestationObject: string, rpId: string): Promise<boolean> {
  const { decodeAttestationObject, parseAuthenticatorData } = await import("@simplewebauthn/server/helpers");
  let hash: Uint8Array;
  try {
    const authData = decodeAttestationObject(Buffer.from(attestationObject, "base64url")).get("authData");
    hash = parseAuthenticatorData(authData).rpIdHash;
  } catch {
    throw webAuthnCredentialMalformed("Credential");
  }
  return rpIdHash(rpId).equals(hash);
}

/** ListWebAuthnCredentials: the user's passkeys in registration order, up to MaxResults (20 when 0 or absent). */
export async function listWebAuthnCredentials(
  deps: TokenDeps,
  request: { accessToken: string; maxResults?: number | undefined; nextToken?: string | undefined },
  now: Date,
): Promise<ListWebAuthnCredentialsResponse> {
  const { pool, user } = await passkeyOwner(deps, request.accessToken, now);
  const limit = request.maxResults === undefined || request.maxResults === 0 ? 20 : request.maxResults;
  return listPage(
    { scope: `passkeys:${pool.id}:${user.sub}`, limit, nextToken: request.nextToken, itemsMember: "Credentials" },
    (page) => deps.store.webAuthnCredentials.listForUser(pool.id, user.sub, page),
    describePasskey,
  );
}

/** DeleteWebAuthnCredential: removes one of the user's passkeys; an id they have none under is ResourceNotFoundException. */
export async function deleteWebAuthnCredential(
  deps: TokenDeps,
  request: { accessToken: string; credentialId: string },
  now: Date,
): Promise<Record<string, never>> {
  const { pool, user } = await passkeyOwner(deps, request.accessToken, now);
  if (!(await deps.store.webAuthnCredentials.delete(pool.id, user.sub, request.credentialId))) throw webAuthnCredentialNotFound();
  return {};
}

function describePasskey(passkey: WebAuthnCredentialRecord): WebAuthnCredentialDescription {
  return {
    CredentialId: passkey.credentialId,
    FriendlyCredentialName: passkey.friendlyName,
    RelyingPartyId: passkey.relyingPartyId,
    ...(passkey.authenticatorAttachment === undefined ? {} : { AuthenticatorAttachment: passkey.authenticatorAttachment }),
    AuthenticatorTransports: passkey.transports,
    CreatedAt: passkey.createdAt,
  };
}

/** The passkeys a sign-in may assert with: all the user's (a user has at most a few). */
export async function passkeysOf(store: Store, poolId: string, userSub: string): Promise<WebAuthnCredentialRecord[]> {
  return (await store.webAuthnCredentials.listForUser(poolId, userSub, { limit: 100 })).items;
}
