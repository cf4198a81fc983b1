/** An authorization code as stored: by the hash of the code, never the code itself. Used once, within five minutes. */
export interface AuthorizationCodeRecord {
  /** SHA-256 of the code, base64url. */
  id: string;
  poolId: string;
  clientId: string;
  /** The internal username of who signed in. */
  username: string;
  /** Exactly as the authorize request gave it; the token request must repeat it. */
  redirectUri: string;
  scopes: string[];
  nonce?: string;
  /** PKCE S256 challenge (base64url SHA-256 of the verifier). */
  codeChallenge?: string;
  /** Epoch seconds of the sign-in. */
  authTime: number;
  expiresAt: Date;
}
