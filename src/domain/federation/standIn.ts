import type { IdentityProviderTypeType } from "@aws-sdk/client-cognito-identity-provider";
import { socialDefaults } from "../identityProviders/identityProvider.js";
import type { IdentityProviderRecord } from "../identityProviders/types.js";

/*
 * The social-provider stand-in (docs/behaviour.md#the-social-provider-stand-in): in dev mode, a Google,
 * Facebook, Login with Amazon or Sign in with Apple provider whose authorize_url is still the public one
 * (which would need the internet and a registered app) signs in on a Cognate page, where the developer types
 * the identity to sign in as.
 */

const SOCIAL_TYPES = new Set<IdentityProviderTypeType>(["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"]);

/** The claim each social provider names its subject with. */
const SUBJECT_CLAIMS: Partial<Record<IdentityProviderTypeType, string>> = { Google: "sub", SignInWithApple: "sub", Facebook: "id", LoginWithAmazon: "user_id" };

/** Where the stand-in page of a provider is. */
export function standInPath(providerName: string): string {
  return `/_cognate/federation/${encodeURIComponent(providerName)}`;
}

/** A social provider whose authorization address is Cognito's default, not a local one a developer gave. */
export function isStandInProvider(provider: IdentityProviderRecord): boolean {
  if (!SOCIAL_TYPES.has(provider.type)) return false;
  return provider.details.authorize_url === socialDefaults(provider.type, provider.details).authorize_url;
}

/** What the developer typed on the stand-in page. */
export interface StandInIdentity {
  subject: string;
  email?: string;
  name?: string;
}

/** The claims the real provider would answer for that identity, in its own names (Google and Apple vouch for the email). */
export function standInClaims(provider: IdentityProviderRecord, identity: StandInIdentity): Record<string, unknown> {
  const subjectClaim = provider.attributeMapping.username ?? SUBJECT_CLAIMS[provider.type] ?? "sub";
  const verifies = provider.type === "Google" || provider.type === "SignInWithApple";
  return {
    [subjectClaim]: identity.subject,
    ...(identity.email === undefined ? {} : { email: identity.email, ...(verifies ? { email_verified: true } : {}) }),
    ...(identity.name === undefined ? {} : { name: identity.name }),
  };
}
