import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  computeVerifier,
  padHex,
  parseSrpTimestamp,
  passwordAuthenticationKey,
  passwordClaimSignature,
  poolNamePart,
  powG,
  scramblingParameter,
  serverPremasterSecret,
  serverPublicValue,
  srpTimestamp,
} from "../../src/domain/passwords/srp.js";
import { libraryPasswordClaim, librarySrp } from "../helpers/realClientsSrp.js";

/**
 * Known answers for Cognate's server half of SRP, taken from the client half of amazon-cognito-identity-js
 * (its AuthenticationHelper and CognitoUser, with the client's secret `a` fixed). Our code only supplies the
 * server's inputs (v from the password, B from a fixed b); every expected value is what the library computes.
 */

interface Case {
  name: string;
  poolId: string;
  username: string;
  password: string;
  salt: Buffer;
  a: bigint;
  b: bigint;
}

const SECRET_BLOCK = Buffer.from("a fixed SECRET_BLOCK: any bytes the server chooses, echoed back by the client");

/** The first value from `start` up whose image satisfies `wanted` (to pin down a padding case with fixed inputs). */
function firstFrom(start: bigint, image: (value: bigint) => bigint, wanted: (image: bigint) => boolean): bigint {
  for (let value = start; ; value += 1n) if (wanted(image(value))) return value;
}
const topBitSet = (value: bigint) => padHex(value).startsWith("00");
const verifierOf = (c: Pick<Case, "poolId" | "username" | "password" | "salt">) =>
  BigInt(`0x${computeVerifier(c.poolId, c.username, c.password, c.salt)}`);

function makeCase(base: Omit<Case, "a" | "b">, a: { start: bigint; topBit: boolean }, b: { start: bigint; topBit: boolean }): Case {
  const verifier = verifierOf(base);
  return {
    ...base,
    a: firstFrom(a.start, powG, (A) => topBitSet(A) === a.topBit),
    b: firstFrom(b.start, (value) => serverPublicValue(verifier, value), (B) => topBitSet(B) === b.topBit),
  };
}

const cases: Case[] = [
  makeCase(
    {
      name: "ASCII names, a salt whose top bit is set, A and B whose top bits are set",
      poolId: "us-east-1_AbCd123",
      username: "ada",
      password: "Correct-Horse1",
      salt: Buffer.from("80a1b2c3d4e5f60718293a4b5c6d7e8f", "hex"),
    },
    { start: 0x5eed0a5eed0a5eed0a5eed0a5eed0a5eed0a5eed0a5eed0a5eed0a5eed0a5eedn, topBit: true },
    { start: 0xb0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0n, topBit: true },
  ),
  makeCase(
    {
      name: "non-ASCII username and password, a salt with a leading zero byte, A and B whose top bits are clear",
      poolId: "eu-west-2_Z9y8X7w6V",
      username: "zoë",
      password: "Pässwörd-1 ✓",
      salt: Buffer.from("00ff0102030405060708090a0b0c0d0e", "hex"),
    },
    { start: 0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefn, topBit: false },
    { start: 0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210n, topBit: false },
  ),
  makeCase(
    {
      name: "a UUID internal username (an email-username pool), mixed top bits",
      poolId: "ap-southeast-2_Qw3rTy",
      username: "5f1c9a52-3b7e-4d8a-9c61-0e2f4a6b8d10",
      password: "Battery-Staple2",
      salt: Buffer.from("7fffffffffffffffffffffffffffffff", "hex"),
    },
    { start: 0x1111111111111111111111111111111111111111111111111111111111111111n, topBit: true },
    { start: 0x2222222222222222222222222222222222222222222222222222222222222222n, topBit: false },
  ),
];

/** Our server's view of a case: v from the password, B from b, then S, u and the key once A arrives. */
function server(c: Case, A: bigint) {
  const verifier = verifierOf(c);
  const B = serverPublicValue(verifier, c.b);
  const u = scramblingParameter(A, B);
  const S = serverPremasterSecret(A, verifier, u, c.b);
  return { B, u, S, key: passwordAuthenticationKey(S, u) };
}

const saltInteger = (salt: Buffer) => BigInt(`0x${salt.toString("hex")}`);
const clientInputs = (c: Case) => ({ poolName: poolNamePart(c.poolId), a: c.a, username: c.username, password: c.password });

describe("SRP known answers from amazon-cognito-identity-js", () => {
  for (const c of cases) {
    describe(c.name, () => {
      test("the library's A is g^a, its S equals the server's (A·v^u)^b for our verifier, and so do the HKDF keys", async () => {
        const B = serverPublicValue(verifierOf(c), c.b);
        const expected = await librarySrp({ ...clientInputs(c), B, salt: saltInteger(c.salt) });

        assert.equal(powG(c.a), expected.A);
        const ours = server(c, expected.A);
        assert.equal(ours.S, expected.S);
        assert.equal(ours.key.toString("hex"), expected.hkdf.toString("hex"));
      });

      test("the PASSWORD_CLAIM_SIGNATURE that CognitoUser.authenticateUser sends is the one the server computes", async () => {
        const A = powG(c.a);
        const ours = server(c, A);
        const { srpA, responses } = await libraryPasswordClaim({
          poolId: c.poolId,
          a: c.a,
          username: c.username,
          password: c.password,
          challenge: {
            USER_ID_FOR_SRP: c.username,
            SRP_B: ours.B.toString(16),
            // As Cognate sends it: the salt as an integer, leading zero bytes gone.
            SALT: saltInteger(c.salt).toString(16),
            SECRET_BLOCK: SECRET_BLOCK.toString("base64"),
          },
        });

        assert.equal(BigInt(`0x${srpA}`), A);
        assert.equal(responses.USERNAME, c.username);
        assert.equal(responses.PASSWORD_CLAIM_SECRET_BLOCK, SECRET_BLOCK.toString("base64"));
        const signedAt = parseSrpTimestamp(responses.TIMESTAMP!);
        assert.ok(signedAt !== undefined, `unreadable TIMESTAMP ${responses.TIMESTAMP}`);
        assert.equal(srpTimestamp(signedAt), responses.TIMESTAMP);
        const signature = passwordClaimSignature(ours.key, c.poolId, c.username, SECRET_BLOCK, srpTimestamp(signedAt));
        assert.equal(signature.toString("base64"), responses.PASSWORD_CLAIM_SIGNATURE);
      });
    });
  }

  test("a client that knows a different password reaches a different key", async () => {
    const c = cases[0]!;
    const B = serverPublicValue(verifierOf(c), c.b);
    const client = await librarySrp({ ...clientInputs(c), password: "Wrong-Horse1", B, salt: saltInteger(c.salt) });

    const ours = server(c, client.A);
    assert.notEqual(ours.S, client.S);
    assert.notEqual(ours.key.toString("hex"), client.hkdf.toString("hex"));
  });

  test("the library's TIMESTAMPs read back to the same text: an unpadded day, padded hours, minutes and seconds", async (t) => {
    const c = cases[0]!;
    const instants = ["2026-09-05T09:03:07Z", "2027-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2025-12-31T12:34:56Z"];
    for (const instant of instants) {
      t.mock.timers.enable({ apis: ["Date"], now: new Date(instant) });
      try {
        const { responses } = await libraryPasswordClaim({
          poolId: c.poolId,
          a: c.a,
          username: c.username,
          password: c.password,
          challenge: {
            USER_ID_FOR_SRP: c.username,
            SRP_B: serverPublicValue(verifierOf(c), c.b).toString(16),
            SALT: c.salt.toString("hex"),
            SECRET_BLOCK: SECRET_BLOCK.toString("base64"),
          },
        });
        const timestamp = responses.TIMESTAMP!;
        assert.equal(parseSrpTimestamp(timestamp)?.toISOString(), new Date(instant).toISOString());
        assert.equal(srpTimestamp(new Date(instant)), timestamp);
      } finally {
        t.mock.timers.reset();
      }
    }
  });
});
