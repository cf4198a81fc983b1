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
  const policies: [string, PasswordPolicyType | undefined][] = [
    ["no policy (defaults)", undefined],
    ["the default policy", STRICT],
    ["a lax policy", LAX],
    ["a long policy", { ...STRICT, MinimumLength: 40 }],
    ["the longest policy", { ...STRICT, MinimumLength: 99 }],
    ["symbols only", { ...LAX, RequireSymbols: true, MinimumLength: 6 }],
    ["upper and numbers", { ...LAX, RequireUppercase: true, RequireNumbers: true }],
  ];
  for (const [name, policy] of policies) {
    it(`makes 200 passwords that all satisfy ${name}`, () => {
      const random = seededRandom(name);
      for (let i = 0; i < 200; i++) {
        const password = generateTemporaryPassword(policy, random);
        assert.equal(failure(policy, password), undefined, password);
        assert.equal(password, password.trim());
        assert.match(password, /^[\x21-\x7e]+$/);
      }
    });
  }

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
