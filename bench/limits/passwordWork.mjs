// The raw rate of Cognate's password work, two at a time, unpinned, in a process of its own as the server
// runs it: "set" is what setting a password costs (argon2id hash at Cognate's parameters + SRP verifier),
// "verify" what a USER_PASSWORD_AUTH sign-in costs (one argon2id verification).
// Usage: node passwordWork.mjs <repo root> <seconds per measure>; prints one JSON line.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, seconds] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(join(root, 'dist/src', path)).href);
const { argon2Hasher } = await load('domain/passwords/argon2.js');
const { computeVerifier } = await load('domain/passwords/srp.js');
const PASSWORD = 'Bench-Passw0rd!';
const PARALLEL = 2;

async function rate(work) {
  await work(0); // warm up
  let done = 0;
  const t0 = performance.now();
  const deadline = t0 + Number(seconds) * 1000;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (performance.now() < deadline) await work(done++);
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

const phc = await argon2Hasher.hash(PASSWORD);
const set = await rate(async (i) => {
  await argon2Hasher.hash(PASSWORD);
  computeVerifier('us-east-1_BenchPool', `u${i}`, PASSWORD, randomBytes(16));
});
const verify = await rate(() => argon2Hasher.verify(phc, PASSWORD));
console.log(JSON.stringify({ setPerSecond: set, verifyPerSecond: verify, parallel: PARALLEL }));
