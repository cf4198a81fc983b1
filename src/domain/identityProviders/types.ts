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
 * How Cognate talks to identity providers: their published metadata (OIDC discovery, a SAML `MetadataURL`),
 * and at sign-in their token, JWKS and userinfo endpoints. Rejects only when the address cannot be reached.
 */
export interface ProviderHttp {
  request(url: string, init?: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }>;
}

/** The body of a GET that answered 200; rejects otherwise. */
export async function readText(http: ProviderHttp, url: string): Promise<string> {
  const response = await http.request(url);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.body;
}
