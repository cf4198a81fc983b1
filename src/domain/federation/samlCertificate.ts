import { createPrivateKey, generateKeyPair, sign } from "node:crypto";
import { promisify } from "node:util";
import type { Store } from "../ports/store.js";
import type { Random } from "../random.js";

/**
 * A pool's SAML service-provider key and certificate (docs/behaviour.md#saml-federation): it signs the
 * AuthnRequests and LogoutRequests sent to SAML IdPs and decrypts the assertions they encrypt for the pool.
 */
export interface SamlCertificateRecord {
  poolId: string;
  /** PKCS#8 PEM; the store keeps it sealed. */
  privateKeyPem: string;
  /** The self-signed X.509 certificate of the key, as PEM. */
  certificatePem: string;
  createdAt: Date;
}

/** Cognito's SAML certificates are valid for ten years. */
const CERTIFICATE_YEARS = 10;

/** The pool's SAML certificate, made on first need; two instances racing both end up with the one the store kept. */
export async function poolSamlCertificate(deps: { store: Store; random: Random }, poolId: string, now: Date): Promise<SamlCertificateRecord> {
  const existing = await deps.store.samlCertificates.get(poolId);
  if (existing !== undefined) return existing;
  const made = await newSamlCertificate(deps.random, poolId, now);
  if (await deps.store.samlCertificates.addIfAbsent(made)) return made;
  return (await deps.store.samlCertificates.get(poolId))!;
}

/** The certificate as GetSigningCertificate answers it: the PEM's base64 body, without its armour lines or line breaks. */
export function certificateBody(certificatePem: string): string {
  return certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

const generateRsaKeyPair = promisify(generateKeyPair);

/** An RSA-2048 key and its self-signed certificate (subject and issuer `CN=<pool id>`), valid from now for ten years. */
export async function newSamlCertificate(random: Random, poolId: string, now: Date): Promise<SamlCertificateRecord> {
  const { publicKey, privateKey } = await generateRsaKeyPair("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_YEARS);
  const serial = random.bytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive and of full length
  const name = sequence(set(sequence(oid("2.5.4.3"), der(0x0c, Buffer.from(poolId, "utf8")))));
  const algorithm = sequence(oid("1.2.840.113549.1.1.11"), Buffer.from([0x05, 0x00])); // sha256WithRSAEncryption
  const toBeSigned = sequence(
    der(0xa0, integer(Buffer.from([0x02]))), // v3
    integer(serial),
    algorithm,
    name,
    sequence(time(now), time(notAfter)),
    name,
    publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = sign("sha256", toBeSigned, createPrivateKey(privateKeyPem));
  const certificate = sequence(toBeSigned, algorithm, der(0x03, Buffer.concat([Buffer.from([0x00]), signature])));
  const body = certificate.toString("base64").replace(/.{64}/g, "$&\n");
  return {
    poolId,
    privateKeyPem,
    certificatePem: `-----BEGIN CERTIFICATE-----\n${body}${body.endsWith("\n") ? "" : "\n"}-----END CERTIFICATE-----\n`,
    createdAt: now,
  };
}

/** One DER element: its tag, its length (short or long form) and its content. */
function der(tag: number, content: Buffer): Buffer {
  if (content.length < 0x80) return Buffer.concat([Buffer.from([tag, content.length]), content]);
  const length: number[] = [];
  for (let rest = content.length; rest > 0; rest = Math.floor(rest / 256)) length.unshift(rest % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | length.length, ...length]), content]);
}

function sequence(...items: Buffer[]): Buffer {
  return der(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return der(0x31, Buffer.concat(items));
}

/** An unsigned big-endian integer, a zero byte in front when its high bit is set. */
function integer(bytes: Buffer): Buffer {
  return der(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0x00]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const base128 = [arc % 128];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) base128.unshift((value % 128) | 0x80);
    bytes.push(...base128);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5), to the second. */
function time(at: Date): Buffer {
  const digits = at.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return at.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${digits.slice(2)}Z`)) : der(0x18, Buffer.from(`${digits}Z`));
}
