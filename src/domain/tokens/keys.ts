import { createHash, createPrivateKey, generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";

/** Cognito signs ID and access tokens with different keys, so a pool's JWKS holds one key per use. */
export type TokenUse = "id" | "access";

/** What a pool's key signs: tokens of one use, or SAML requests (the key behind GetSigningCertificate). */
export type KeyUse = TokenUse | "saml";

export interface PublicJwk {
  kty: "RSA";
  alg: "RS256";
  use: "sig";
  kid: string;
  n: string;
  e: string;
}

/** A pool's signing key as stored: the private key as PKCS#8 PEM, the public half as a JWK. */
export interface SigningKeyRecord {
  poolId: string;
  kid: string;
  use: KeyUse;
  privateKeyPem: string;
  publicJwk: PublicJwk;
  createdAt: Date;
  /** Set when a newer key took over; old keys stay published until their tokens have expired. */
  retiredAt?: Date;
}

const generateRsaKeyPair = promisify(generateKeyPair);

/** A fresh RSA-2048 key; its kid is the base64 SHA-256 of the public key, as opaque as Cognito's. */
export async function newSigningKey(poolId: string, use: KeyUse, now: Date): Promise<SigningKeyRecord> {
  const { publicKey, privateKey } = await generateRsaKeyPair("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  const kid = createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("base64");
  return {
    poolId,
    kid,
    use,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    publicJwk: { kty: "RSA", alg: "RS256", use: "sig", kid, n: jwk.n!, e: jwk.e! },
    createdAt: now,
  };
}

const privateKeys = new Map<string, KeyObject>();

/** Parsing a PEM costs more than signing: keep the parsed key per kid (a kid's key never changes). */
export function privateKeyOf(key: SigningKeyRecord): KeyObject {
  let parsed = privateKeys.get(key.kid);
  if (parsed === undefined) {
    parsed = createPrivateKey(key.privateKeyPem);
    privateKeys.set(key.kid, parsed);
  }
  return parsed;
}
