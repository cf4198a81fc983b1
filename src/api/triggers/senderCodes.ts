import { createHmac } from "node:crypto";
import type { SenderCodeCipher } from "../../domain/ports/triggers.js";

/*
 * Codes for the custom sender functions (docs/behaviour.md#lambda-triggers). Cognito encrypts them with the
 * AWS Encryption SDK under the pool's KMS key; Cognate has no KMS, so it encrypts them with the same SDK under a
 * raw AES-256 keyring whose key it derives per KMSKeyID: HMAC-SHA256(secret, KMSKeyID), the secret being
 * COGNATE_SENDER_KEY or, without it, a public one. A handler decrypts with the SDK and a RawAesKeyringNode
 * built from senderKeyFor's answer (the README shows how; dev mode serves it at /_cognate/sender-key).
 */

/** Without COGNATE_SENDER_KEY: public, so that codes are encrypted as Cognito's are but protected by nothing. */
const PUBLIC_SECRET = Buffer.from("cognate: custom sender codes without COGNATE_SENDER_KEY", "utf8");
const KEY_NAMESPACE = "cognate";
const WRAPPING_SUITE = "AES256_GCM_IV12_TAG16_NO_PADDING";

/** What a handler needs to build the raw AES keyring that decrypts codes encrypted for one KMSKeyID. */
export interface SenderKey {
  keyNamespace: string;
  /** The KMSKeyID itself. */
  keyName: string;
  /** The AES-256 key, base64. */
  key: string;
  wrappingSuite: typeof WRAPPING_SUITE;
}

export function senderKeyFor(secret: Buffer | undefined, kmsKeyId: string): SenderKey {
  const key = createHmac("sha256", secret ?? PUBLIC_SECRET).update(kmsKeyId, "utf8").digest("base64");
  return { keyNamespace: KEY_NAMESPACE, keyName: kmsKeyId, key, wrappingSuite: WRAPPING_SUITE };
}

/** Encrypts with the AWS Encryption SDK (imported when a sender first needs it), its default committing suite. */
export function senderCodeCipher(secret: Buffer | undefined): SenderCodeCipher {
  return {
    async encrypt(kmsKeyId, code) {
      const [{ buildEncrypt }, { RawAesKeyringNode, RawAesWrappingSuiteIdentifier }] = await Promise.all([
        import("@aws-crypto/encrypt-node"),
        import("@aws-crypto/raw-aes-keyring-node"),
      ]);
      const senderKey = senderKeyFor(secret, kmsKeyId);
      const keyring = new RawAesKeyringNode({
        keyNamespace: senderKey.keyNamespace,
        keyName: senderKey.keyName,
        // The SDK wants the key in a buffer of its own, not a slice of Node's shared pool.
        unencryptedMasterKey: new Uint8Array(Buffer.from(senderKey.key, "base64")),
        wrappingSuite: RawAesWrappingSuiteIdentifier[WRAPPING_SUITE],
      });
      const { result } = await buildEncrypt().encrypt(keyring, code);
      return result.toString("base64");
    },
  };
}
