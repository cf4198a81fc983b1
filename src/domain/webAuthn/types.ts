/** A user's registered passkey: what signing in with it needs, and what ListWebAuthnCredentials describes. */
export interface WebAuthnCredentialRecord {
  poolId: string;
  /** The owner's `sub`: a namesake created after the owner is deleted never inherits the passkey. */
  userSub: string;
  /** The authenticator's credential id, base64url as browsers encode it; unique in the pool. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The authenticator's signature counter as last seen; 0 for authenticators that keep none. */
  signCount: number;
  transports: string[];
  /** `platform` or `cross-platform`, when the browser said. */
  authenticatorAttachment?: string;
  friendlyName: string;
  relyingPartyId: string;
  createdAt: Date;
}
