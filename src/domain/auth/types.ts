import type { ChallengeNameType, InitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import type { MessageDeps } from "../messages/outbox.js";
import type { ClientInPool } from "../clients/types.js";
import type { PasswordHasher } from "../passwords/hasher.js";
import type { TokenDeps } from "../tokens/issue.js";
import type { UserRecord } from "../users/types.js";

/** The kind of a managed-login (single sign-on) session, kept beside the challenge sessions (docs/behaviour.md#managed-login-session). */
export const MANAGED_LOGIN_SESSION = "MANAGED_LOGIN_SESSION";
/** The kind of the session that signs a browser in once the user it signed up confirms (docs/behaviour.md#managed-login). */
export const SIGN_UP_SESSION = "SIGN_UP_SESSION";
/** The kind of the row that marks a SAML assertion used until it expires, so it is not accepted twice (docs/behaviour.md#saml-federation). */
export const SAML_ASSERTION_USED = "SAML_ASSERTION_USED";

/**
 * A challenge in progress (NEW_PASSWORD_REQUIRED, PASSWORD_VERIFIER, ...), kept in the store so that the
 * answer may reach any instance. The client holds only an opaque token; `id` is that token's SHA-256.
 */
export interface AuthSessionRecord {
  id: string;
  poolId: string;
  clientId: string;
  /** Internal username. */
  username: string;
  challenge: ChallengeNameType | typeof MANAGED_LOGIN_SESSION | typeof SIGN_UP_SESSION | typeof SAML_ASSERTION_USED;
  createdAt: Date;
  expiresAt: Date;
  /** Challenge state (e.g. SRP values), JSON. */
  data: Record<string, unknown>;
}

/** Consecutive failed sign-ins, for lockout. */
export interface SignInFailures {
  count: number;
  lastFailureAt: Date;
}

/** What sign-in needs from the composition root (the handlers' Deps satisfies it). */
export interface AuthDeps extends TokenDeps, MessageDeps {
  hasher: PasswordHasher;
  /**
   * How a sign-in that has passed every step ends. Unset for the API: tokens. The managed login pages set it
   * to take the user and hand out an authorization code instead, so that both run the very same steps.
   */
  finishSignIn?: (request: ClientInPool & { user: UserRecord; now: Date }) => Promise<AuthOutcome>;
  /**
   * The device an API sign-in names (DEVICE_KEY of InitiateAuth or of the answer that completes it) and the
   * caller's address: set by the flows, so that the tokens it ends in are bound to the device
   * (domain/devices/devices.ts deviceForSignIn). Unset (a refresh, the managed login pages): no device.
   */
  signInDevice?: { deviceKey: string | undefined; sourceIp?: string | undefined };
}

/**
 * What a sign-in step answers, in the wire names the four operations share: a further challenge (name,
 * session, parameters) or the tokens, with empty ChallengeParameters as Cognito sends them. Only
 * InitiateAuth's USER_AUTH sets AvailableChallenges.
 */
export type AuthOutcome = Pick<
  InitiateAuthResponse,
  "ChallengeName" | "Session" | "ChallengeParameters" | "AuthenticationResult" | "AvailableChallenges"
>;
