import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { PasswordPolicyType } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError } from "../../errors/cognitoError.js";
import { ADMIN_POLICY_PREFIX, USER_POLICY_PREFIX, type PolicyMessagePrefix } from "../../errors/catalogue.js";
import type { Random } from "../random.js";
import { checkPasswordPolicy, generateTemporaryPassword } from "./policy.js";

const STRICT: PasswordPolicyType = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
};
const LAX: PasswordPolicyType = {
  MinimumLength: 6,
  RequireUppercase: false,
  RequireLowercase: false,
  RequireNumbers: false,
  RequireSymbols: false,
};

const NOT_LONG_ENOUGH = ADMIN_POLICY_PREFIX + "Password not long enough";
const NO_UPPERCASE = ADMIN_POLICY_PREFIX + "Password must have uppercase characters";
const NO_LOWERCASE = ADMIN_POLICY_PREFIX + "Password must have lowercase characters";
const NO_NUMBER = ADMIN_POLICY_PREFIX + "Password must have numeric characters";
const NO_SYMBOL = ADMIN_POLICY_PREFIX + "Password must have symbol characters";

function failure(
  policy: PasswordPolicyType | undefined,
  password: string,
  prefix: PolicyMessagePrefix = ADMIN_POLICY_PREFIX,
): string | undefined {
  try {
    checkPasswordPolicy(policy, password, prefix);
  } catch (error) {
    assert.ok(error instanceof CognitoError);
    assert.equal(error.type, "InvalidPasswordException");
    return error.message;
  }
  return undefined;
}

/** A reproducible byte stream, so a failing generated password can be replayed. */
function seededRandom(seed: string): Random {
  let counter = 0;
  return {
    bytes(length) {
      const chunks: Buffer[] = [];
      let total = 0;
      while (total < length) {
        const chunk = createHash("sha256").update(`${seed}:${counter++}`).digest();
        chunks.push(chunk);
        total += chunk.length;
      }
      return Buffer.concat(chunks).subarray(0, length);
    },
    uuid: () => "00000000-0000-4000-8000-000000000000",
  };
}

describe("checkPasswordPolicy", () => {
  it("accepts a password meeting every rule", () => {
    assert.equal(failure(STRICT, "Passw0rd!"), undefined);
  });

  it("reports only the first failure, in the order length, uppercase, lowercase, numeric, symbol", () => {
    assert.equal(failure(STRICT, "abcde"), NOT_LONG_ENOUGH);
    assert.equal(failure(STRICT, "abcdefgh"), NO_UPPERCASE);
    assert.equal(failure(STRICT, "ABCDEFGH"), NO_LOWERCASE);
    assert.equal(failure(STRICT, "ABCDefgh"), NO_NUMBER);
    assert.equal(failure(STRICT, "ABCDefg1"), NO_SYMBOL);
  });

  it("puts the caller's prefix before the reason", () => {
    assert.equal(ADMIN_POLICY_PREFIX, "Password did not conform with policy: ");
    assert.equal(USER_POLICY_PREFIX, "Password does not conform to policy: ");
    assert.equal(
      failure(STRICT, "short", USER_POLICY_PREFIX),
      "Password does not conform to policy: Password not long enough",
    );
  });

  it("applies Cognito's defaults (8 characters, every class) when the policy or a field is missing", () => {
    assert.equal(failure(undefined, "Pa1!xyz"), NOT_LONG_ENOUGH);
    assert.equal(failure(undefined, "Passw0rd"), NO_SYMBOL);
    assert.equal(failure(undefined, "Passw0rd!"), undefined);
    assert.equal(failure({ MinimumLength: 6 }, "pa1!xy"), NO_UPPERCASE);
    assert.equal(failure({ RequireSymbols: false }, "Passw0rd"), undefined);
  });

  it("requires only the classes the policy asks for", () => {
    assert.equal(failure(LAX, "aaaaaa"), undefined);
    assert.equal(failure(LAX, "aaaaa"), NOT_LONG_ENOUGH);
    assert.equal(failure({ ...LAX, RequireNumbers: true }, "aaaaaa"), NO_NUMBER);
  });

  it("counts length in characters, not UTF-16 code units", () => {
    const policy = { ...LAX, MinimumLength: 8 };
    assert.equal(failure(policy, "😀😀😀😀abc"), NOT_LONG_ENOUGH);
    assert.equal(failure(policy, "😀😀😀😀abcd"), undefined);
  });

  it("counts every listed symbol and the space as a symbol", () => {
    const policy = { ...LAX, RequireSymbols: true };
    for (const symbol of "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ") {
      assert.equal(failure(policy, `abc${symbol}def`), undefined, `symbol ${JSON.stringify(symbol)}`);
    }
  });

  it("counts non-ASCII letters, digits and punctuation towards no class", () => {
    assert.equal(failure({ ...LAX, RequireUppercase: true }, "ÄÖÜÉÈabc"), NO_UPPERCASE);
    assert.equal(failure({ ...LAX, RequireLowercase: true }, "ABCäöüß"), NO_LOWERCASE);
    assert.equal(failure({ ...LAX, RequireNumbers: true }, "abc١٢٣４"), NO_NUMBER);
    assert.equal(failure({ ...LAX, RequireSymbols: true }, "abc€§¿«»"), NO_SYMBOL);
  });
});

describe("generateTemporaryPassword", () => {
  // What a generated password may be made of: letters and digits without the look-alikes 0 O I l, and
  // symbols that cannot pass for the sentence around them (docs/behaviour.md#generated-temporary-passwords).
  const READABLE = /^[A-HJ-NP-Za-km-z1-9#$%+\-=@^]+$/;
  const CLASS_FLAGS = ["RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols"] as const;
  // The model allows minimum lengths 6 to 99; generated passwords are never shorter than 8.
  const LENGTHS = [6, 7, 8, 9, 16, 64, 99];

  for (let mask = 0; mask < 16; mask++) {
    const classes = Object.fromEntries(CLASS_FLAGS.map((flag, bit) => [flag, (mask & (1 << bit)) !== 0]));
    const required = CLASS_FLAGS.filter((flag) => classes[flag]).join(", ") || "no class";
    it(`satisfies a policy requiring ${required}, at every length, from readable characters only`, () => {
      const random = seededRandom(`classes ${mask}`);
      for (const length of LENGTHS) {
        const policy: PasswordPolicyType = { MinimumLength: length, ...classes };
        for (let i = 0; i < 50; i++) {
          const password = generateTemporaryPassword(policy, random);
          assert.equal(failure(policy, password), undefined, `${password} for ${JSON.stringify(policy)}`);
          assert.equal(password.length, Math.max(length, 8), password);
          assert.match(password, READABLE);
        }
      }
    });
  }

  it("satisfies Cognito's default policy when the pool has none", () => {
    const random = seededRandom("defaults");
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword(undefined, random);
      assert.equal(failure(undefined, password), undefined, password);
      assert.match(password, READABLE);
    }
  });

  it("never uses a character a reader could take for the sentence around it, or mistake for another", () => {
    const random = seededRandom("readable");
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) for (const character of generateTemporaryPassword(STRICT, random)) seen.add(character);
    for (const character of " \"'`\\,.:;!?()[]{}<>&*_~|/0OIl") {
      assert.ok(!seen.has(character), `generated ${JSON.stringify(character)}`);
    }
    assert.equal(seen.size, 24 + 25 + 9 + 8, "every readable character is used");
  });

  it("is at least 8 characters long, and exactly the policy's minimum when that is longer", () => {
    assert.equal(generateTemporaryPassword(LAX, seededRandom("a")).length, 8);
    assert.equal(generateTemporaryPassword({ ...STRICT, MinimumLength: 23 }, seededRandom("b")).length, 23);
  });

  it("places the required characters at random positions, not first", () => {
    const random = seededRandom("positions");
    const classesSeenFirst = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const first = generateTemporaryPassword(STRICT, random)[0] ?? "";
      const kind = /[A-Z]/.test(first) ? "upper" : /[a-z]/.test(first) ? "lower" : /[0-9]/.test(first) ? "digit" : "symbol";
      classesSeenFirst.add(kind);
    }
    assert.deepEqual([...classesSeenFirst].sort(), ["digit", "lower", "symbol", "upper"]);
  });

  it("draws from the injected randomness", () => {
    const fromSeed = (seed: string) => generateTemporaryPassword(STRICT, seededRandom(seed));
    assert.equal(fromSeed("x"), fromSeed("x"));
    assert.notEqual(fromSeed("x"), fromSeed("y"));
  });
});
