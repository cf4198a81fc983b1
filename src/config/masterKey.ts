const KEY_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads a master key given as base64 (e.g. COGNATE_MASTER_KEY); the message never repeats the value. */
export function parseMasterKey(base64: string): Buffer {
  const trimmed = base64.trim();
  const key = BASE64.test(trimmed) ? Buffer.from(trimmed, "base64") : undefined;
  if (key?.length !== KEY_BYTES) {
    const got = key === undefined ? "not base64" : `${key.length} bytes`;
    throw new Error(`the master key must be ${KEY_BYTES} random bytes, base64-encoded (got ${got}); make one with \`openssl rand -base64 32\``);
  }
  return key;
}
