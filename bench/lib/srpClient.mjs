// The client half of Cognito's USER_SRP_AUTH (SRP-6a, 3072-bit group, SHA-256, amazon-cognito-identity-js's
// hex conventions), written here on node:crypto rather than taken from the server's code, so that a sign-in
// that returns tokens shows the two halves agree. Modular exponentiation goes through OpenSSL's
// Diffie-Hellman (g^a is a DH public key, X^e a DH shared secret): the load generator shares the machine's two
// cores with the server, and BigInt or jsbn exponentiation would spend ~10× more of them per sign-in.
import { createDiffieHellman, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74' +
  '020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437' +
  '4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05' +
  '98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB' +
  '9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718' +
  '3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33' +
  'A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864' +
  'D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2' +
  '08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
const N = BigInt(`0x${N_HEX}`);
const N_BYTES = Buffer.from(N_HEX, 'hex');
const G_BYTES = Buffer.from([2]);

/** amazon-cognito-identity-js's padHex: even-length hex, with a 00 byte in front when the top bit is set. */
function padHex(value) {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if ('89abcdef'.includes(hex[0])) hex = `00${hex}`;
  return hex;
}
const hexHash = (hex) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
const textHash = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const bytesOf = (value) => {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};

const k = BigInt(`0x${hexHash(padHex(N) + '02')}`);

/** base^exponent mod N through OpenSSL (base in 2..N−2, 0 < exponent < N). */
function power(base, exponent) {
  const dh = createDiffieHellman(N_BYTES, G_BYTES);
  dh.setPrivateKey(bytesOf(exponent));
  if (base === 2n) {
    dh.generateKeys();
    return BigInt(`0x${dh.getPublicKey('hex')}`);
  }
  return BigInt(`0x${dh.computeSecret(bytesOf(base)).toString('hex')}`);
}

/** The client's secret a (256 random bits) and public A = g^a mod N. */
export function clientKeyPair() {
  const a = BigInt(`0x${randomBytes(32).toString('hex')}`);
  return { a, A: power(2n, a) };
}

/** Java's `EEE MMM d HH:mm:ss 'UTC' yyyy`, as the SDKs sign with. */
function timestamp(date) {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n) => String(n).padStart(2, '0');
  return (
    `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/**
 * The PASSWORD_VERIFIER answer for a challenge (ChallengeParameters as sent): S = (B − k·g^x)^(a + u·x),
 * the HKDF key, and the HMAC claim over pool name, USER_ID_FOR_SRP, SECRET_BLOCK and TIMESTAMP.
 */
export function passwordVerifierResponses({ poolId, password, keyPair, challenge, now = new Date() }) {
  const poolName = poolId.slice(poolId.indexOf('_') + 1);
  const userId = challenge.USER_ID_FOR_SRP;
  const B = BigInt(`0x${challenge.SRP_B}`);
  const salt = BigInt(`0x${challenge.SALT}`);
  const u = BigInt(`0x${hexHash(padHex(keyPair.A) + padHex(B))}`);
  const x = BigInt(`0x${hexHash(padHex(salt) + textHash(`${poolName}${userId}:${password}`))}`);
  const base = (((B - k * power(2n, x)) % N) + N) % N;
  const S = power(base, keyPair.a + u * x);
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16));
  const signedAt = timestamp(now);
  const signature = createHmac('sha256', key)
    .update(poolName, 'utf8')
    .update(userId, 'utf8')
    .update(Buffer.from(challenge.SECRET_BLOCK, 'base64'))
    .update(signedAt, 'utf8')
    .digest('base64');
  return {
    USERNAME: userId,
    PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
    TIMESTAMP: signedAt,
    PASSWORD_CLAIM_SIGNATURE: signature,
  };
}
