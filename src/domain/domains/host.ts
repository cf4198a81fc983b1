import type { Store } from "../ports/store.js";
import type { UserPoolDomainRecord } from "./types.js";

const PREFIX_HOST = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.auth\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.amazoncognito\.com$/;

/**
 * The pool domain a request's `Host` names (docs/behaviour.md, "Domains"): `<prefix>.auth.<region>.amazoncognito.com`
 * for a prefix domain, the full name for a custom domain; undefined for any other host (Cognate's own URL,
 * an IP address, `localhost`), which serves every pool. The port and letter case do not matter.
 */
export async function domainOfHost(store: Store, host: string | undefined): Promise<UserPoolDomainRecord | undefined> {
  const name = hostName(host);
  if (name === undefined) return undefined;
  const prefix = PREFIX_HOST.exec(name);
  if (prefix !== null) {
    const record = await store.domains.get(prefix[2]!, prefix[1]!);
    return record?.customDomain === undefined ? record : undefined;
  }
  // A custom domain has at least three labels; anything shorter (localhost, a bare name) is never one.
  if (name.split(".").length < 3 || /^[\d.]+$/.test(name)) return undefined;
  return store.domains.findCustom(name);
}

/** The host name of a Host header without its port, lower case; undefined for an IPv6 literal or nothing. */
function hostName(host: string | undefined): string | undefined {
  if (host === undefined || host === "" || host.startsWith("[")) return undefined;
  return host.replace(/:\d*$/, "").replace(/\.$/, "").toLowerCase();
}
