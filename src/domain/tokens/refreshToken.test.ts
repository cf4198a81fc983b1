import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { cryptoRandom } from "../random.js";
import { newRefreshToken, refreshTokenId } from "./refreshToken.js";

describe("refresh tokens", () => {
  test("look like Cognito's: five base64url segments, the first a JWE header", () => {
    const token = newRefreshToken(cryptoRandom);
    const segments = token.split(".");
    assert.equal(segments.length, 5);
    for (const segment of segments) assert.match(segment, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(JSON.parse(Buffer.from(segments[0]!, "base64url").toString()), {
      cty: "JWT",
      enc: "A256GCM",
      alg: "RSA-OAEP",
    });
  });

  test("are random: two tokens never share their random part", () => {
    const [a, b] = [newRefreshToken(cryptoRandom), newRefreshToken(cryptoRandom)];
    assert.notEqual(a.split(".")[3], b.split(".")[3]);
  });

  test("are stored as their SHA-256 in hex, never as themselves", () => {
    const token = newRefreshToken(cryptoRandom);
    assert.equal(refreshTokenId(token), createHash("sha256").update(token).digest("hex"));
    assert.match(refreshTokenId(token), /^[0-9a-f]{64}$/);
  });
});
