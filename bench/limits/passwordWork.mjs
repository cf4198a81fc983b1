// The raw rate of Cognate's password work, in a process of its own, with Cognate's own code as the server
// runs it:
//   set     what setting a password costs: an argon2id hash at Cognate's parameters + the SRP verifier;
//           two at a time (argon2id runs on libuv's thread pool, the verifier on the main thread)
//   verify  what a USER_PASSWORD_AUTH sign-in costs: one argon2id verification; two at a time
//   srp     what an SRP sign-in costs the server: B = k·v + g^b, then S = (A·v^u)^b, the HKDF key and
//           the claim's HMAC. This arithmetic is synchronous on the server's event loop, so its rate is
//           one core's: measured one at a time on this process's main thread.
// Usage: node passwordWork.mjs <repo root> <seconds per measure>; prints one JSON line.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, seconds] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(root, 'dist/src', path)).href);
const { argon2Hasher } = await load('domain/passwords/argon2.js');
const srp = await load('domain/passwords/srp.js');
const PASSWORD = 'Bench-Passw0rd!';
const POOL_ID = 'us-east-1_BenchPool';
const PARALLEL = 2;

async function rate(parallel, work) {
  await work(0); // warm up
  let done = 0;
  const t0 = performance.now();
  const deadline = t0 + Number(seconds) * 1000;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < deadline) await work(done++);
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

const randomInteger = (bytes) => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

const phc = await argon2Hasher.hash(PASSWORD);
const set = await rate(PARALLEL, async (i) => {
  await argon2Hasher.hash(PASSWORD);
  srp.computeVerifier(POOL_ID, `u${i}`, PASSWORD, randomBytes(16));
});
const verify = await rate(PARALLEL, () => argon2Hasher.verify(phc, PASSWORD));

const verifier = BigInt(`0x${srp.computeVerifier(POOL_ID, 'u000000', PASSWORD, randomBytes(16))}`);
const A = srp.powG(randomInteger(32));
const secretBlock = randomBytes(256);
const srpSignIn = await rate(1, async () => {
  const b = randomInteger(32);
  const B = srp.serverPublicValue(verifier, b);
  const u = srp.scramblingParameter(A, B);
  const key = srp.passwordAuthenticationKey(srp.serverPremasterSecret(A, verifier, u, b), u);
  srp.passwordClaimSignature(key, POOL_ID, 'u000000', secretBlock, srp.srpTimestamp(new Date()));
});
console.log(JSON.stringify({ setPerSecond: set, verifyPerSecond: verify, srpSignInPerSecond: srpSignIn, parallel: PARALLEL }));
