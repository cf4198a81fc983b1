import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";

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
  challenge: ChallengeNameType;
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
