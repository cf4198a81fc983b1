import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { StorageSecretError } from "../domain/ports/errors.js";

/** How a store is opened: with a master key, the secrets it holds are encrypted at rest. */
export interface StoreOptions {
  /** 32 bytes (AES-256). Without it secrets are stored as plaintext. */
  masterKey?: Buffer;
  /** False: pending migrations are not applied and a database behind the code is refused (OperatorError). */
  migrate?: boolean;
}

/**
 * Seals secrets before they are written and opens them when read, so the domain only ever sees plaintext.
 * A sealed value describes itself: `enc:v1:<key id>:<iv, base64>:<ciphertext and GCM tag, base64>`.
 */
export interface SecretCipher {
  /** The id of the master key values are sealed with; undefined when they are stored as plaintext. */
  readonly keyId: string | undefined;
  /** The value as stored: sealed with the master key, or unchanged without one. */
  seal(plaintext: string): string;
  /**
   * The plaintext of a stored value. A value not sealed (written before a key was configured) is returned as
   * it is; a sealed one needs the same master key. Throws StorageSecretError otherwise.
   */
  open(stored: string): string;
}

const MARKER = "enc:";
const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A master key's id: the first 8 hex digits of its SHA-256. Recorded with every value it seals. */
export function masterKeyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** The id of the master key a stored value is sealed with; undefined for a plaintext value. */
export function sealedKeyId(stored: string): string | undefined {
  return stored.startsWith(MARKER) ? parseSealed(stored).keyId : undefined;
}

/** A cipher sealing with masterKey, or one storing plaintext when there is none. */
export function secretCipher(masterKey?: Buffer): SecretCipher {
  if (masterKey === undefined) return plaintextCipher;
  if (masterKey.length !== KEY_BYTES) throw new RangeError(`the master key must be ${KEY_BYTES} bytes, not ${masterKey.length}`);
  const key = Buffer.from(masterKey);
  const keyId = masterKeyId(key);
  return {
    keyId,
    seal(plaintext) {
      const header = `${MARKER}${VERSION}:${keyId}:`;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      // The header is authenticated too: a value cannot be relabelled with another key id or version.
      cipher.setAAD(Buffer.from(header));
      const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${header}${iv.toString("base64")}:${sealed.toString("base64")}`;
    },
    open(stored) {
      if (!stored.startsWith(MARKER)) return stored;
      const sealed = parseSealed(stored);
      if (sealed.keyId !== keyId) {
        throw new StorageSecretError(`a stored secret is encrypted with master key ${sealed.keyId}, not with the configured master key ${keyId}`);
      }
      const decipher = createDecipheriv("aes-256-gcm", key, sealed.iv);
      decipher.setAAD(Buffer.from(sealed.header));
      decipher.setAuthTag(sealed.tag);
      try {
        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
      } catch (error) {
        throw new StorageSecretError(`a stored secret encrypted with master key ${keyId} failed authentication: it was altered or corrupted`, {
          cause: error,
        });
      }
    },
  };
}

const plaintextCipher: SecretCipher = {
  keyId: undefined,
  seal: (plaintext) => plaintext,
  open(stored) {
    if (!stored.startsWith(MARKER)) return stored;
    const { keyId } = parseSealed(stored);
    throw new StorageSecretError(`a stored secret is encrypted with master key ${keyId}, but no master key is configured`);
  },
};

interface Sealed {
  /** `enc:v1:<key id>:`, the authenticated part. */
  header: string;
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function parseSealed(stored: string): Sealed {
  const [marker, version, keyId, iv, sealed, ...rest] = stored.split(":");
  if (`${marker}:` !== MARKER || version !== VERSION || keyId === undefined || !/^[0-9a-f]{8}$/.test(keyId)) {
    throw new StorageSecretError("a stored secret is malformed: it is not an encrypted value this version of Cognate can read");
  }
  const ivBytes = iv !== undefined && BASE64.test(iv) ? Buffer.from(iv, "base64") : undefined;
  const sealedBytes = sealed !== undefined && BASE64.test(sealed) ? Buffer.from(sealed, "base64") : undefined;
  if (rest.length > 0 || ivBytes?.length !== IV_BYTES || sealedBytes === undefined || sealedBytes.length < TAG_BYTES) {
    throw new StorageSecretError(`a stored secret encrypted with master key ${keyId} is malformed`);
  }
  return {
    header: `${MARKER}${VERSION}:${keyId}:`,
    keyId,
    iv: ivBytes,
    ciphertext: sealedBytes.subarray(0, sealedBytes.length - TAG_BYTES),
    tag: sealedBytes.subarray(sealedBytes.length - TAG_BYTES),
  };
}
