import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, randomBytes } from "node:crypto";
import {
  N,
  N_HEX,
  computeVerifier,
  computeX,
  g,
  hexHash,
  k,
  modPow,
  modPowN,
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
} from "./srp.js";

// An independent reference, written from the SRP-6a definitions rather than from srp.ts.
function referencePow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  for (const bit of exponent.toString(2)) {
    result = (result * result) % modulus;
    if (bit === "1") result = (result * base) % modulus;
  }
  return result;
}
/** Java's BigInteger.toByteArray() for a non-negative value, as hex. */
function javaBytesHex(value: bigint): string {
  const bytes: number[] = [];
  for (let v = value; v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  if (bytes.length === 0 || bytes[0]! >= 0x80) bytes.unshift(0);
  return Buffer.from(bytes).toString("hex");
}
function sha256(data: Buffer | string): Buffer {
  return createHash("sha256").update(data).digest();
}
function referenceX(poolName: string, username: string, password: string, saltHex: string): bigint {
  const inner = sha256(`${poolName}${username}:${password}`);
  const outer = sha256(Buffer.concat([Buffer.from(javaBytesHex(BigInt(`0x${saltHex}`)), "hex"), inner]));
  return BigInt(`0x${outer.toString("hex")}`);
}
function referenceU(A: bigint, B: bigint): bigint {
  return BigInt(`0x${sha256(Buffer.from(javaBytesHex(A) + javaBytesHex(B), "hex")).toString("hex")}`);
}
/** The client's premaster secret (B − k·g^x)^(a + u·x) mod N, as amazon-cognito-identity-js computes it. */
function clientSecret(x: bigint, verifier: bigint, a: bigint, A: bigint, B: bigint): bigint {
  const K = BigInt(`0x${sha256(Buffer.from(javaBytesHex(N) + javaBytesHex(2n), "hex")).toString("hex")}`);
  const base = (((B - K * verifier) % N) + N) % N;
  return referencePow(base, a + referenceU(A, B) * x, N);
}
const big = (hex: string) => BigInt(`0x${hex}`);
const randomBig = (bytes: number) => big(randomBytes(bytes).toString("hex"));

describe("SRP group", () => {
  it("uses the RFC 3526 3072-bit prime with generator 2", () => {
    assert.equal(N.toString(2).length, 3072);
    assert.equal(N_HEX.slice(0, 24), "FFFFFFFFFFFFFFFFC90FDAA2");
    assert.equal(N_HEX.slice(-24), "A93AD2CAFFFFFFFFFFFFFFFF");
    assert.equal(g, 2n);
    // A safe prime for which 2 generates the prime-order subgroup: p ≡ 23 (mod 24), 2^((p−1)/2) ≡ 1.
    assert.equal(N % 24n, 23n);
    assert.equal(referencePow(2n, (N - 1n) / 2n, N), 1n);
  });

  it("has the multiplier k published by Cognito's client libraries", () => {
    // amazon-cognito-identity-dart and amplify-swift's SRP tests pin this value.
    assert.equal(k.toString(16), "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");
  });
});

describe("padHex", () => {
  it("matches Java's two's-complement byte arrays (amazon-cognito-identity-js's test table)", () => {
    const table: [bigint, string][] = [
      [0n, "00"],
      [1n, "01"],
      [15n, "0f"],
      [20n, "14"],
      [127n, "7f"],
      [128n, "0080"],
      [200n, "00c8"],
      [236n, "00ec"],
      [255n, "00ff"],
      [256n, "0100"],
      [0x8000n, "008000"],
      [0xabcdefn, "00abcdef"],
    ];
    for (const [value, hex] of table) assert.equal(padHex(value), hex, value.toString());
  });

  it("agrees with the reference for large values", () => {
    for (let i = 0; i < 50; i++) {
      const value = randomBig(1 + (i % 40));
      assert.equal(padHex(value), javaBytesHex(value));
    }
    assert.equal(padHex(N), javaBytesHex(N));
  });

  it("hexHash hashes the bytes a hex string spells", () => {
    assert.equal(hexHash("00ff"), sha256(Buffer.from([0, 255])).toString("hex"));
  });
});

describe("modular exponentiation", () => {
  it("powG equals g^e mod N, whatever the exponent's size", () => {
    const exponents = [0n, 1n, 2n, 255n, 256n, (N - 1n) / 2n, N - 2n, N - 1n, N, N + 5n];
    for (const e of [...exponents, randomBig(32), randomBig(256), randomBig(400)]) {
      assert.equal(powG(e), referencePow(2n, e, N), `e=${e.toString(16).slice(0, 12)}`);
    }
  });

  it("modPowN equals base^e mod N, including operands OpenSSL refuses", () => {
    const bases = [0n, 1n, 2n, N - 2n, N - 1n, N, N + 3n, randomBig(32), randomBig(383)];
    const exponents = [0n, 1n, 3n, (N - 1n) / 2n, N - 1n, randomBig(32), randomBig(256)];
    for (const base of bases) {
      for (const e of exponents) {
        const label = `base=${base.toString(16).slice(0, 12)} e=${e.toString(16).slice(0, 12)}`;
        assert.equal(modPowN(base, e), referencePow(base % N, e, N), label);
      }
    }
  });

  it("modPow works for any modulus", () => {
    assert.equal(modPow(4n, 13n, 497n), 445n);
    assert.equal(modPow(-3n, 3n, 7n), 1n);
    assert.equal(modPow(5n, 0n, 7n), 1n);
    assert.equal(modPow(5n, 3n, 1n), 0n);
  });

  it("refuses negative exponents", () => {
    assert.throws(() => modPow(2n, -1n, 7n), RangeError);
    assert.throws(() => powG(-1n), RangeError);
    assert.throws(() => modPowN(3n, -1n), RangeError);
  });
});

describe("computeVerifier", () => {
  it("uses the part of the pool id after the underscore", () => {
    assert.equal(poolNamePart("us-east-1_AbCd12345"), "AbCd12345");
    const salt = Buffer.from("0123456789abcdef0123456789abcdef", "hex");
    assert.equal(
      computeVerifier("us-east-1_AbCd12345", "alice", "Passw0rd!", salt),
      computeVerifier("eu-west-1_AbCd12345", "alice", "Passw0rd!", salt),
    );
    assert.notEqual(
      computeVerifier("us-east-1_AbCd12345", "alice", "Passw0rd!", salt),
      computeVerifier("us-east-1_XbCd12345", "alice", "Passw0rd!", salt),
    );
  });

  it("equals g^H(salt ‖ H(pool ‖ username ‖ ':' ‖ password)) mod N by the reference", () => {
    const cases: [string, string, string, string][] = [
      ["us-east-1_AbCd12345", "alice", "Passw0rd!", "0123456789abcdef0123456789abcdef"],
      ["us-east-1_AbCd12345", "6f1e7d5c-0b4a-4b8e-9a51-2a8b8e3c9d10", "Pässwörd 1!", "f0e1d2c3b4a5968778695a4b3c2d1e0f"],
      ["eu-central-1_Zz9", "bob", "x", "00000000ff112233445566778899aabb"],
      ["ap-south-1_Q", "carol", "long password with spaces 😀", "80"],
    ];
    for (const [poolId, username, password, saltHex] of cases) {
      const x = referenceX(poolNamePart(poolId), username, password, saltHex);
      assert.equal(computeX(poolId, username, password, Buffer.from(saltHex, "hex")), x);
      assert.equal(computeVerifier(poolId, username, password, Buffer.from(saltHex, "hex")), referencePow(2n, x, N).toString(16));
    }
  });

  it("reproduces the premaster secrets of amplify-swift's published SRP vectors", () => {
    // From aws-amplify/amplify-swift SRPClientTests (testCalculateSharedSecret_1/_2): client values and the
    // expected S for pool-name-part ‖ username "VEUHc88gP" ‖ "royji7" / "baTBpG5tZ" ‖ "royji7", password
    // "dummy123@". The second salt has an odd number of hex digits: Cognito sends the salt as an integer.
    const vectors = [
      {
        poolId: "us-east-1_VEUHc88gP",
        salt: "8bb7dcf905f418bf27b6623aa4d2f58f",
        a: "98fba2902c23b5e55de97ae4e9497f0b7dfbb639f1539243029ddabd0ed10c8",
        A: "c4808c3cee673f869923c08c3f42aa4b2a98197f2187ce9af9736a27c1689bf7f423cc5a20973ed1b4db7daead68a54467308dd80701adb31756f43286cb88b1d441115e4eddcaa1730ecb3164068db45d0960b81a652798cf018369c5a3f581036cee2b36b4e63839b4d9b313a21b54e658dbc2c7aa1b0bb0c73be9d9dcb713462e6630fc748e4d4899b4e1db4b579d1a24f9fd7ecdd43ded934a5bde8e90bc488a8f49d6b849f95cac284e17589285d6bbcd1c86d57ccfbbb991dc3cd2b66f56d197fdacb9cc2da9f79b582bf2e632266f73cfe2f6ae9373e1438a48aaf7fec6be9bf4f87415c7a500ddf8181c075f2284ab2c2810b03eb211696d2d47584c6e9d2810ec17466ea5a2adfc99193746942b5abb48d3957de4ab3249d17af696b18b36d05f6051ba41dd732e23f05c378625459f0971cffe702badd6dd4d40e06e012636fb29784f7541caaa6c8c09b9465f7d364850228661c1573c446ef5fb859f2ee8eb6cc3642de42b47d777b1148c4dede62819458df94a83e526c0cd9f",
        B: "cccd551910a5a4a05af370b8f7340bd4a4cbf2daed273fcfc3c4ec112f1424f064635e9ad8337af7a7372212793c057f24570ea2c2e87f1b47a9153dfdeb470772f2985dc3e7ffca700a3b826ad4fe559f3d3cbdd5e33d02a4008cd6cd1104df09236647c59ea3645beebaffefe34ea5915cdb974e905ac06e7daf4932327f1bd7c9d8e0778c971996497cecd8b17a4e49636024ef1b6c6ba293d06d5cb49684aa8a6c03a51d6e9eb6c612e886ad2b553e75918043150f73114f7e455f7559560f7b67f21340c5c3dff8b1af71fe3bfa73bd0a7443d197c19ab7927d25ad360589da9ab2e20e7fc2278eda238323ac7f1d2bd7dc909c1f96560eff8214ae0026f67891fe97ccd49702263ee9ef93888c5797beab21bdeeba688668f1d6002809afbd726506e7aa527ad867235aaf34131b2ba2b09e12733ad3fcd00ea945c0ca546911d0bf23234852ae507800aa81e2722d0494ae5ac735e7ed5c0288fd749835b9a58dd7c340a824191a9f177f12ef824102c3582b92bb608ab090ca34e246",
        S: "eaf55a5aab2cacc78e84aea5bf6e01c4d63fc3bc7fb19c3360144e79dcc0b2fb1f1b55203d430d396027e64cd5ad4561f7bc4c5395f43ce3863055c522ab252cc5ec488e0f2321dcb675d410d19c042a8a3dcb517609dc2ebb3db42a70a91849bd0cd7ca36a2aded7bf137643e0f02da31b9b32804bb41e5a877cd72a45a2211c90c71deea91d004baf7258e179afd9299d91279c7a268473cfb3255d4750be7ba1da07366c8329a15770345243132416c908a89739fd2d3e980ff0a697d628b49966a9683575aef37b5d3f33cc0258fb2c492123c0c01cd703680cbceff1f2c117711da53ce9322a74a1ab5355f51e358347adfed8c40d413059a07ba1a1f53c8f341560de8f94bff0cf027cc5a6ab556c9d3e60ac2efebc5716454ca80e9c50d6ef2561ac23148179e37b7490baba57ff7bd65ddababaa335454a4eb4738c42bf5166b7e99acdef377e584e00dcc01cd2e631b77fea29e48efb0f22409e35ab625f4b9bed94fe9af5d9fb4cd1e16a6c4c8f3edf54d1f2b24e4afcd40d69888",
      },
      {
        poolId: "us-east-1_baTBpG5tZ",
        salt: "0d1c1181916afc59efe7eb71674d627c",
        a: "45af331e7466a5665668aaca7f9591c9642d296acdf5eb4dfbdabc0e0254265b",
        A: "842c5d2e2e21e76d7f3a7a44f922ced081598ca6025ddf13b905575205d034263e5a63fb5cdce1c95eba4e584747d0c47e3e9316f2d5b834589d7015431d1e27d747090891e543653f525737ab14c4885755e095fe04a7814f88bfcc28ed8e8eb93ba13ea3a015fed2c09a87c85d3ab1476168de3b8d817c3696ab359698beaecdc8c611ea445a73fa1568d034fb9b2d331916ccf34cb3ab1c8580c1a686102062a45c1af7de316e122384592a8067ee5cbb004c580745fad7eadaafbec98db202bb359117c7a89adbb1ea57c294daa5516206451faa959fca608b52de76e7944a45ce95dad141253b3e6d87494dec7a0b5e0c5faa10da38a3c4fd58199e81f6dcc5b569033cff732c58fea5a240dc5b609d83cbcdd5627d834db1fd211352ed38ba48bc06dfd3f343effce922cf21a4272e4f6dddd003022465be5903e7046a22d699e1540db31414cceba35c4d873cdc622a5ba238813ecd5f5caeeef76985281052e05bffc779945a3da29dab35c0faa907184d76cfe52ea4582fab44be09",
        B: "afa2e18a1c62c9e1e515b08b8bed1417bed6e1988d02d34de218fbb264cffe7c3196670183740b5c27f34efcaca05ab8af50b29951078dbc6773e21279ef5589dcd7540ff1b2442825bf7cf091abb60bb56bdcc259a716c95e5d376acd9d56700d3564cd20d50405d96afc6d38993ad72a9ef39f437e151c5fddb138e751e7ebaa4e11918aec8d8acbdb3907363c116a143a68c8855a133dda2ab6f722167f4a78e1de3f804bbb3a4b19398691bebc9e44afa2c0065aff2ac929f87813a87079d3103d3dcbf2d70bf162dad0c2c1da907166249300d0d98c53010c086be24138e7a18f59fae791ecf46383ebcc38b11ff3a8b56d2a62f376179056481e2ad898a628fc062951e6467b960f448fd90985cfe548915ffa56beb6b1e622c32acd41e2f4c6e510ca401b6295befbaeb3c2a6c9def5da9418a39917e49d2533ba787848eb7b1cbf6db6e1532d70b2c61ab1e23858a43a4b03b1e552828a2ab6b5416daa0c5d5568e3ca93fc6b01d1c66ffc246c7e81e10a97dd285461f2ebdc395bab",
        S: "209172f5139cd673eaa51e7216c53eedf1a65937f128aa9139324f21d8b45c2e289c0d327e8a5464e96f84a69427b1e06e5602f8cf231b7dd5d52768dc88f238b575b4de97821c8f38ac3bc0f357eb117af1d63870492261a007fabe7719672537a240ac49fbce6607aee839cc8d869f7df0723fbac8f7dfb4b562c3167edd3daac8a7c8540e4509b0946267c76de803b8504e0f1ccb812a3cd74a5f36154f799ea82895e4892a1bc36997bcdab48f9a0921613a3d977ddf600ba768ed3beef3a295e1bbff1e7433d856ec219bd22b9554763abd1bb5ffdab446154e1f828bfdf035bbf130b6d138b997f1ed76dc12a17fa05f031b9438c2814892e40cebd1713e90c049f183f5aeb8cbbec12323050cc857a3cd5df03fd7a002117a491f79388996effa34249cfc72caed9d55374e82cd2afe4195ccb6f021e2e2b0c5fdb1b86364b78f81acf77f82cf79ca71c640f74aa12cc83b5cf8ec49199dd646b5f710cf0e5a4a688fae24ab7cf37881ec6baefe0b389ee7248a7d58fdf523c1f1ebc3",
      },
    ];
    for (const vector of vectors) {
      const salt = Buffer.from(vector.salt, "hex");
      const x = computeX(vector.poolId, "royji7", "dummy123@", salt);
      const verifier = big(computeVerifier(vector.poolId, "royji7", "dummy123@", salt));
      const S = clientSecret(x, verifier, big(vector.a), big(vector.A), big(vector.B));
      assert.equal(S.toString(16), vector.S);
    }
  });

  it("lets the server's (A·v^u)^b meet the client's (B − k·g^x)^(a+u·x)", () => {
    const poolId = "us-east-1_AbCd12345";
    const salt = randomBytes(16);
    const x = computeX(poolId, "alice", "Passw0rd!", salt);
    const v = big(computeVerifier(poolId, "alice", "Passw0rd!", salt));
    const a = randomBig(128);
    const b = randomBig(128);
    const A = powG(a);
    const B = (k * v + powG(b)) % N;
    const u = referenceU(A, B);
    const serverS = modPowN((A * modPowN(v, u)) % N, b);
    assert.equal(serverS, clientSecret(x, v, a, A, B));
  });
});

/** The client's key and claim, as amazon-cognito-identity-js derives them: HMAC-based HKDF by hand, then the signature. */
function referenceKey(S: bigint, u: bigint): Buffer {
  const prk = createHmac("sha256", Buffer.from(javaBytesHex(u), "hex")).update(Buffer.from(javaBytesHex(S), "hex")).digest();
  return createHmac("sha256", prk).update(Buffer.concat([Buffer.from("Caldera Derived Key", "utf8"), Buffer.from([1])])).digest().subarray(0, 16);
}

describe("server side of the exchange", () => {
  const poolId = "eu-west-1_Xy12Ab34C";
  const userId = "5b1f1e8e-0c57-4d6a-9d0e-3f1c2a4b5c6d";

  it("B = k·v + g^b, and the server's S, key and signature equal what an independent client computes", () => {
    for (let round = 0; round < 3; round++) {
      const salt = randomBytes(16);
      const x = referenceX(poolNamePart(poolId), userId, "Pässword-1", salt.toString("hex"));
      const v = referencePow(2n, x, N);
      assert.equal(big(computeVerifier(poolId, userId, "Pässword-1", salt)), v);
      const a = randomBig(128);
      const A = referencePow(2n, a, N);
      const b = randomBig(32);
      const B = serverPublicValue(v, b);
      assert.equal(B, (k * v + referencePow(2n, b, N)) % N);

      const u = scramblingParameter(A, B);
      assert.equal(u, referenceU(A, B));
      const S = serverPremasterSecret(A, v, u, b);
      assert.equal(S, clientSecret(x, v, a, A, B));

      const key = passwordAuthenticationKey(S, u);
      assert.deepEqual(key, referenceKey(clientSecret(x, v, a, A, B), referenceU(A, B)));
      const secretBlock = randomBytes(64);
      const timestamp = "Sat Sep 5 09:03:07 UTC 2026";
      const clientSignature = createHmac("sha256", referenceKey(S, u))
        .update(Buffer.concat([Buffer.from(poolNamePart(poolId) + userId, "utf8"), secretBlock, Buffer.from(timestamp, "utf8")]))
        .digest();
      assert.deepEqual(passwordClaimSignature(key, poolId, userId, secretBlock, timestamp), clientSignature);
    }
  });

  it("a wrong password gives the client another S, so its signature does not match", () => {
    const salt = randomBytes(16);
    const v = big(computeVerifier(poolId, userId, "right-Password1", salt));
    const wrongX = computeX(poolId, userId, "wrong-Password1", salt);
    const a = randomBig(128);
    const A = powG(a);
    const b = randomBig(32);
    const B = serverPublicValue(v, b);
    const u = scramblingParameter(A, B);
    assert.notEqual(serverPremasterSecret(A, v, u, b), clientSecret(wrongX, v, a, A, B));
  });
});

describe("TIMESTAMP", () => {
  it("writes the day of the month without padding and the time fields with it, in UTC", () => {
    assert.equal(srpTimestamp(new Date("2026-09-05T09:03:07Z")), "Sat Sep 5 09:03:07 UTC 2026");
    assert.equal(srpTimestamp(new Date("2026-01-01T00:00:00Z")), "Thu Jan 1 00:00:00 UTC 2026");
    assert.equal(srpTimestamp(new Date("2025-12-31T23:59:59Z")), "Wed Dec 31 23:59:59 UTC 2025");
    assert.equal(srpTimestamp(new Date("2024-02-29T12:34:56.789Z")), "Thu Feb 29 12:34:56 UTC 2024");
  });

  it("reads back what it writes, to the second", () => {
    for (const iso of ["2026-09-05T09:03:07Z", "2026-01-01T00:00:00Z", "2025-12-31T23:59:59Z", "2024-02-29T12:34:56Z"]) {
      assert.deepEqual(parseSrpTimestamp(srpTimestamp(new Date(iso))), new Date(iso));
    }
  });

  it("reads the lenient forms Java's parser accepts, which then re-format differently", () => {
    const padded = parseSrpTimestamp("Sat Sep 05 09:03:07 UTC 2026");
    assert.deepEqual(padded, new Date("2026-09-05T09:03:07Z"));
    assert.notEqual(srpTimestamp(padded!), "Sat Sep 05 09:03:07 UTC 2026");
    // The weekday is not checked; case does not matter; out-of-range fields roll over.
    assert.deepEqual(parseSrpTimestamp("Mon Sep 5 09:03:07 UTC 2026"), new Date("2026-09-05T09:03:07Z"));
    assert.deepEqual(parseSrpTimestamp("sat SEP 5 9:3:7 utc 2026"), new Date("2026-09-05T09:03:07Z"));
    assert.deepEqual(parseSrpTimestamp("Thu Sep 31 09:03:07 UTC 2026"), new Date("2026-10-01T09:03:07Z"));
  });

  it("refuses other shapes", () => {
    for (const text of [
      "",
      "2026-09-05T09:03:07Z",
      "Sat Sep 5 09:03:07 2026",
      "Sat Sep 5 09:03:07 GMT+01:00 2026",
      "Mon Feb 12 15:26:37 +05:30 2018",
      "Sat Sept 5 09:03:07 UTC 2026",
      "Sat Sep 5 09:03:07 UTC 26",
      " Sat Sep 5 09:03:07 UTC 2026",
      "Sat Sep 5 09:03:07 UTC 2026\n",
    ]) {
      assert.equal(parseSrpTimestamp(text), undefined, JSON.stringify(text));
    }
  });
});
