import type { VerifySoftwareTokenResponse } from "@aws-sdk/client-cognito-identity-provider";
import {
  invalidSession,
  softwareTokenCodeMismatch,
  softwareTokenMfaNotEnabled,
  softwareTokenNotAssociated,
  softwareTokenWithoutCredential,
  userNotFound,
  asNotAuthorized,
} from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { sessionId } from "../auth/sessions.js";
import { authenticateAccessToken } from "../tokens/accessToken.js";
import type { TokenDeps } from "../tokens/issue.js";
import type { Store } from "../ports/store.js";
import type { Random } from "../random.js";
import type { UserPoolRecord } from "../pools/types.js";
import { requirePoolInAnyRegion } from "../pools/userPool.js";
import { usernameKey } from "../users/aliases.js";
import type { UserRecord } from "../users/types.js";
import { enabledFactors } from "./poolMfaConfig.js";
import { matchingTotpStep, newTotpSecret } from "./totp.js";
import { FACTOR_ORDER } from "./userMfa.js";

/** Who is setting up an authenticator app: a signed-in user, or a user in the MFA_SETUP challenge. */
export interface SoftwareTokenOwner {
  pool: UserPoolRecord;
  user: UserRecord;
  /** The MFA_SETUP session presented instead of an access token, handed back for the challenge answer. */
  session?: string;
}

/**
 * The user behind an MFA_SETUP challenge session (AssociateSoftwareToken and VerifySoftwareToken take one
 * instead of an access token while a sign-in waits for the user to set up MFA).
 */
export async function mfaSetupSessionOwner(store: Store, token: string, now: Date): Promise<SoftwareTokenOwner> {
  const session = await store.sessions.get(sessionId(token));
  if (session === undefined || session.challenge !== "MFA_SETUP" || session.expiresAt.getTime() <= now.getTime()) {
    throw invalidSession();
  }
  const pool = await requirePoolInAnyRegion(store, session.poolId);
  const user = await store.users.getByUsernameKey(pool.id, usernameKey(pool, session.username));
  if (user === undefined) throw invalidSession();
  return { pool, user, session: token };
}

/** Neither an access token nor a session: there is nobody to set up a token for. */
export function requireCredential<T>(credential: T | undefined): T {
  if (credential === undefined) throw softwareTokenWithoutCredential();
  return credential;
}

/**
 * AssociateSoftwareToken: a new shared secret for the user's authenticator app, kept (sealed) until
 * VerifySoftwareToken accepts a code of it; an earlier unverified one is replaced, a verified app keeps
 * working meanwhile. The pool must offer TOTP (docs/behaviour.md#totp).
 */
export async function associateSoftwareToken(
  deps: { store: Store; random: Random },
  owner: SoftwareTokenOwner,
  now: Date,
): Promise<{ SecretCode: string; Session?: string }> {
  if (!enabledFactors(owner.pool).softwareToken) throw softwareTokenMfaNotEnabled();
  const secret = newTotpSecret(deps.random);
  const mfa = { ...(owner.user.mfa ?? { enabled: [] }), pendingSoftwareTokenSecret: secret };
  if (!(await deps.store.users.update({ ...owner.user, mfa, lastModifiedAt: now }))) throw userNotFound();
  return { SecretCode: secret, ...(owner.session === undefined ? {} : { Session: owner.session }) };
}

/** The user states and absences AssociateSoftwareToken's model has no exception for. */
const UNMODELLED_FOR_ASSOCIATE = new Set(["UserNotFoundException", "PasswordResetRequiredException", "UserNotConfirmedException"]);

/**
 * AssociateSoftwareToken for the access token's user or the MFA_SETUP session's. Its model lists no
 * UserNotFoundException, PasswordResetRequiredException or UserNotConfirmedException, so a token whose user is
 * gone or in such a state is refused as not authorized, in the same words (docs/behaviour.md#totp).
 */
export async function associateSoftwareTokenFor(
  deps: TokenDeps & { store: Store; random: Random },
  credentials: { accessToken?: string | undefined; session?: string | undefined },
  now: Date,
): Promise<{ SecretCode: string; Session?: string }> {
  try {
    const owner =
      credentials.accessToken !== undefined
        ? await authenticateAccessToken(deps, credentials.accessToken, now)
        : await mfaSetupSessionOwner(deps.store, requireCredential(credentials.session), now);
    return await associateSoftwareToken(deps, owner, now);
  } catch (error) {
    if (error instanceof CognitoError && UNMODELLED_FOR_ASSOCIATE.has(error.type)) throw asNotAuthorized(error);
    throw error;
  }
}

/**
 * VerifySoftwareToken: a code of the associated secret (one step of drift either way) makes it the user's
 * authenticator app and turns TOTP MFA on for the user; that code is then used up.
 */
export async function verifySoftwareToken(
  store: Store,
  owner: SoftwareTokenOwner,
  request: { code: string; friendlyDeviceName?: string },
  now: Date,
): Promise<VerifySoftwareTokenResponse> {
  const current = owner.user.mfa ?? { enabled: [] };
  const secret = current.pendingSoftwareTokenSecret;
  if (secret === undefined) throw softwareTokenNotAssociated();
  const step = matchingTotpStep(secret, request.code, now, undefined);
  if (step === undefined) throw softwareTokenCodeMismatch();
  const { pendingSoftwareTokenSecret: _verified, ...rest } = current;
  const mfa = {
    ...rest,
    enabled: FACTOR_ORDER.filter((factor) => factor === "SOFTWARE_TOKEN_MFA" || rest.enabled.includes(factor)),
    softwareToken: {
      secret,
      ...(request.friendlyDeviceName === undefined ? {} : { friendlyDeviceName: request.friendlyDeviceName }),
      lastUsedStep: step,
    },
  };
  if (!(await store.users.update({ ...owner.user, mfa, lastModifiedAt: now }))) throw userNotFound();
  return { Status: "SUCCESS", ...(owner.session === undefined ? {} : { Session: owner.session }) };
}
