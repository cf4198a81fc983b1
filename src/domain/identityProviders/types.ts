import type { IdentityProviderTypeType } from "@aws-sdk/client-cognito-identity-provider";

/** An external identity provider of a pool: users signing in through it become `<name>_<subject>`. */
export interface IdentityProviderRecord {
  poolId: string;
  /** Unique in the pool; compares exactly. Google, Facebook, LoginWithAmazon and SignInWithApple are named as their type. */
  name: string;
  type: IdentityProviderTypeType;
  /**
   * ProviderDetails as DescribeIdentityProvider answers them, Cognito's filled-in endpoints included, and the
   * secret keys (`client_secret`, `private_key`) the store keeps sealed.
   */
  details: Record<string, string>;
  /** Pool attribute name → the provider's claim or SAML attribute name. */
  attributeMapping: Record<string, string>;
  /** Unique in the pool: `idp_identifier` of /oauth2/authorize and GetIdentityProviderByIdentifier find the provider by them. */
  idpIdentifiers: string[];
  createdAt: Date;
  lastModifiedAt: Date;
}

/**
 * How Cognate reads a provider's published metadata when one is created or updated: the OIDC discovery
 * document of an `oidc_issuer`, a SAML `MetadataURL`. Rejects when the address does not answer 200.
 */
export interface ProviderMetadataReader {
  text(url: string): Promise<string>;
}
