/** A refresh token as stored: never the token itself, only its SHA-256. */
export interface RefreshTokenRecord {
  /** SHA-256 (hex) of the opaque token handed to the client. */
  id: string;
  poolId: string;
  clientId: string;
  /** Internal username. */
  username: string;
  /** Ties the refresh token to the tokens of the same authentication (RevokeToken, GlobalSignOut). */
  originJti: string;
  /** Epoch seconds of the original authentication, copied into refreshed tokens. */
  authTime: number;
  /** The scopes a hosted (OAuth) sign-in granted, kept by refreshed tokens; absent for the API's sign-ins. */
  scopes?: string[];
  /** In a pool tracking devices, the device the sign-in came from: refreshing needs its DEVICE_KEY. */
  deviceKey?: string;
  createdAt: Date;
  expiresAt: Date;
  /** From when the token no longer works: when it was revoked, or for one rotated out, the end of the grace period. */
  revokedAt?: Date;
}
