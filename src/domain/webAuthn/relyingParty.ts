import { createHash } from "node:crypto";
import type { UserVerificationType } from "@aws-sdk/client-cognito-identity-provider";
import { webAuthnConfigurationMissing, webAuthnNotEnabled, webAuthnOriginNotAllowed } from "../../errors/catalogue.js";
import { prefixDomainHost } from "../domains/domain.js";
import type { Store } from "../ports/store.js";
import { userPoolTier } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";

/** The pool's passkey relying party: its id (a host name) and how hard to ask for user verification. */
export interface RelyingParty {
  id: string;
  userVerification: UserVerificationType;
}

/** Hosts a browser treats as secure over plain http, where WebAuthn works without TLS. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether the pool lets users sign in with passkeys: an ESSENTIALS or PLUS pool whose SignInPolicy lists
 * WEB_AUTHN among its AllowedFirstAuthFactors (docs/behaviour.md#passkeys).
 */
export function passkeysEnabled(pool: UserPoolRecord): boolean {
  const factors = pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
  return userPoolTier(pool) !== "LITE" && factors.includes("WEB_AUTHN");
}

/**
 * The relying party passkeys of the pool are bound to: WebAuthnConfiguration's RelyingPartyId, else the
 * pool's domain (the custom domain, or the prefix domain's amazoncognito.com host). A pool without passkeys
 * is WebAuthnNotEnabledException; one with neither id nor domain WebAuthnConfigurationMissingException.
 */
export async function relyingParty(store: Store, pool: UserPoolRecord): Promise<RelyingParty> {
  if (!passkeysEnabled(pool)) throw webAuthnNotEnabled();
  const configured = pool.config.MfaFactors?.WebAuthn;
  const userVerification = configured?.UserVerification ?? "preferred";
  if (configured?.RelyingPartyId !== undefined) return { id: configured.RelyingPartyId, userVerification };
  const domain = await store.domains.getForPool(pool.id);
  if (domain === undefined) throw webAuthnConfigurationMissing();
  return { id: domain.customDomain === undefined ? prefixDomainHost(domain.domain, pool.region) : domain.domain, userVerification };
}

/**
 * Checks the origin the browser reported against the relying party, as WebAuthn scopes credentials: the
 * relying party's host or a subdomain of it, over https, or over http on a loopback host (browsers allow
 * passkeys there, so local development works). Anything else is WebAuthnOriginNotAllowedException.
 */
export function checkOrigin(origin: string, rpId: string): void {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw webAuthnOriginNotAllowed();
  }
  const host = url.hostname;
  const inScope = host === rpId || host.endsWith(`.${rpId}`);
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(host));
  if (!inScope || !secure || url.origin !== origin) throw webAuthnOriginNotAllowed();
}

/** The SHA-256 of the relying-party id, which authenticator data starts with. */
export function rpIdHash(rpId: string): Buffer {
  return createHash("sha256").update(rpId).digest();
}
