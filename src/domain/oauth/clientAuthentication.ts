import { timingSafeEqual } from "node:crypto";
import { oauthInvalidClient, oauthInvalidRequest } from "../../errors/catalogue.js";
import type { ClientInPool } from "../clients/types.js";
import type { Store } from "../ports/store.js";

/** How a client presented itself to the token or revocation endpoint. */
export interface ClientCredentialsPresented {
  /** From `Authorization: Basic base64(client_id:client_secret)`, already decoded. */
  basic?: { clientId: string; clientSecret: string };
  /** The `client_id` and `client_secret` form fields. */
  formClientId?: string;
  formClientSecret?: string;
}

/**
 * The client the request authenticates, by HTTP Basic or by form fields (client_secret_basic and
 * client_secret_post, both of which Cognito accepts). A client with a secret must present it, compared in
 * constant time; a client without one must not present one. Any failure is `invalid_client`, which says
 * nothing about whether the client exists.
 */
export async function authenticateClient(store: Store, presented: ClientCredentialsPresented): Promise<ClientInPool> {
  const { basic, formClientId, formClientSecret } = presented;
  if (basic !== undefined && formClientId !== undefined && formClientId !== basic.clientId) throw oauthInvalidClient();
  if (basic !== undefined && formClientSecret !== undefined) throw oauthInvalidRequest("client_secret given twice");
  const clientId = basic?.clientId ?? formClientId;
  const secret = basic?.clientSecret ?? formClientSecret;
  // No client named at all is a failed client authentication (RFC 6749 §5.2), not a malformed request.
  if (clientId === undefined || clientId === "") throw oauthInvalidClient();
  const client = await store.clients.findById(clientId);
  const pool = client === undefined ? undefined : await store.pools.get(client.poolId);
  if (client === undefined || pool === undefined) throw oauthInvalidClient();
  const secrets = client.secrets.map((held) => held.value);
  if (secrets.length === 0 ? secret !== undefined && secret !== "" : !matchesAnySecret(secrets, secret)) {
    throw oauthInvalidClient();
  }
  return { pool, client };
}

/** Either of the client's secrets (rotation keeps two), each compared in constant time. */
function matchesAnySecret(held: readonly string[], given: string | undefined): boolean {
  if (given === undefined) return false;
  const presented = Buffer.from(given, "utf8");
  let matched = false;
  for (const expected of held) {
    const candidate = Buffer.from(expected, "utf8");
    if (candidate.length === presented.length && timingSafeEqual(candidate, presented)) matched = true;
  }
  return matched;
}

/** Decodes an `Authorization: Basic` header; anything else (or nothing) is undefined. */
export function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? "");
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw oauthInvalidClient();
  // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
  return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    throw oauthInvalidClient();
  }
}
