import { createHash, webcrypto } from "node:crypto";
import type { Store } from "../ports/store.js";
import type { SigningKeyRecord } from "../tokens/keys.js";
import { activeSigningKey } from "../tokens/signingKeys.js";

/** Cognito's SAML signing certificates are valid for ten years from issue. */
const VALIDITY_YEARS = 10;

/**
 * The pool's SAML signing certificate as GetSigningCertificate returns it: the DER certificate in base64,
 * without PEM armour (behaviour.md "Identity providers"). Its key is made on first request and kept with the
 * pool's token keys; the certificate is rebuilt from it, identical every time (fixed dates and serial, and
 * RSA PKCS#1 v1.5 signatures are deterministic).
 */
export async function samlSigningCertificate(deps: { store: Store }, poolId: string, now: Date): Promise<string> {
  const key = await activeSigningKey(deps, poolId, "saml", now);
  let certificate = certificates.get(key.kid);
  if (certificate === undefined) {
    certificate = selfSigned(key);
    certificates.set(key.kid, certificate);
  }
  return certificate;
}

const certificates = new Map<string, Promise<string>>();

async function selfSigned(key: SigningKeyRecord): Promise<string> {
  // Loaded only when a certificate is made: most starts never need it.
  const x509 = await import("@peculiar/x509");
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const pkcs8 = Buffer.from(key.privateKeyPem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
  const privateKey = await webcrypto.subtle.importKey("pkcs8", pkcs8, algorithm, false, ["sign"]);
  const { kty, n, e } = key.publicJwk;
  const publicKey = await webcrypto.subtle.importKey("jwk", { kty, n, e }, algorithm, true, ["verify"]);
  const notAfter = new Date(key.createdAt);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    // A positive serial derived from the key, so the certificate is the same on every instance.
    serialNumber: `01${createHash("sha256").update(key.kid).digest("hex").slice(0, 30)}`,
    name: `CN=${key.poolId}`,
    notBefore: key.createdAt,
    notAfter,
    signingAlgorithm: algorithm,
    keys: { privateKey, publicKey } as CryptoKeyPair,
  });
  return Buffer.from(certificate.rawData).toString("base64");
}
