import type { PasswordPolicyType } from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoError } from "../../errors/cognitoError.js";
import {
  passwordTooShort,
  passwordWithoutLowercase,
  passwordWithoutNumber,
  passwordWithoutSymbol,
  passwordWithoutUppercase,
  type PolicyMessagePrefix,
} from "../../errors/catalogue.js";
import { withPasswordPolicyDefaults } from "../pools/settings.js";
import { randomString, type Random } from "../random.js";

// Cognito's character classes are Basic Latin only; other characters count towards the length alone.
const UPPERCASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
const NUMBERS = "0123456789";
const SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";

// What generated passwords are made of: people read them in a sentence ("... temporary password is
// {####}.") and type them (docs/behaviour.md#generated-temporary-passwords). So no space, quote, backtick,
// backslash or bracket, no sentence punctuation (. , : ; ! ?) that could pass for the text around the
// password, no & < > that an HTML template would have to escape, no markdown markers (* _ ~), and none
// of the look-alikes 0 O I l |.
const GENERATED_UPPERCASE = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const GENERATED_LOWERCASE = "abcdefghijkmnopqrstuvwxyz";
const GENERATED_NUMBERS = "123456789";
const GENERATED_SYMBOLS = "#$%+-=@^";

interface Rule {
  required: (policy: Required<PasswordPolicyType>) => boolean;
  /** The characters that satisfy the rule. */
  counts: string;
  /** The characters a generated password satisfies it with. */
  generatedFrom: string;
  failure: (prefix: PolicyMessagePrefix) => CognitoError;
}

/** In the order failures are reported: only the first is. */
const CLASS_RULES: Rule[] = [
  {
    required: (p) => p.RequireUppercase,
    counts: UPPERCASE,
    generatedFrom: GENERATED_UPPERCASE,
    failure: passwordWithoutUppercase,
  },
  {
    required: (p) => p.RequireLowercase,
    counts: LOWERCASE,
    generatedFrom: GENERATED_LOWERCASE,
    failure: passwordWithoutLowercase,
  },
  {
    required: (p) => p.RequireNumbers,
    counts: NUMBERS,
    generatedFrom: GENERATED_NUMBERS,
    failure: passwordWithoutNumber,
  },
  {
    required: (p) => p.RequireSymbols,
    counts: SYMBOLS + " ",
    generatedFrom: GENERATED_SYMBOLS,
    failure: passwordWithoutSymbol,
  },
];

/**
 * Throws `InvalidPasswordException` naming the first rule the password breaks (length, then uppercase,
 * lowercase, numeric, symbol). A missing policy or field means Cognito's default for it.
 */
export function checkPasswordPolicy(
  policy: PasswordPolicyType | undefined,
  password: string,
  prefix: PolicyMessagePrefix,
): void {
  const effective = withPasswordPolicyDefaults(policy ?? {});
  const characters = [...password];
  if (characters.length < effective.MinimumLength) throw passwordTooShort(prefix);
  for (const rule of CLASS_RULES) {
    if (rule.required(effective) && !characters.some((c) => rule.counts.includes(c))) throw rule.failure(prefix);
  }
}

/** Generated temporary passwords are never shorter than this, whatever the policy allows. */
const GENERATED_MINIMUM_LENGTH = 8;
const GENERATED_ALPHABET = GENERATED_UPPERCASE + GENERATED_LOWERCASE + GENERATED_NUMBERS + GENERATED_SYMBOLS;

/**
 * The temporary password AdminCreateUser makes when given none: the policy's length (at least 8), one
 * character of every required class at a random position, the rest from all classes, every character from
 * the readable sets above.
 */
export function generateTemporaryPassword(policy: PasswordPolicyType | undefined, random: Random): string {
  const effective = withPasswordPolicyDefaults(policy ?? {});
  const length = Math.max(effective.MinimumLength, GENERATED_MINIMUM_LENGTH);
  const required = CLASS_RULES.filter((rule) => rule.required(effective)).map((rule) =>
    randomString(random, 1, rule.generatedFrom),
  );
  const characters = [...required, ...randomString(random, length - required.length, GENERATED_ALPHABET)];
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [characters[i], characters[j]] = [characters[j]!, characters[i]!];
  }
  return characters.join("");
}

/** A uniform integer in [0, bound) for bound ≤ 256 (rejection sampling over single bytes). */
function randomIndex(random: Random, bound: number): number {
  if (bound > 256) throw new RangeError("randomIndex draws single bytes: bound must be at most 256");
  const limit = 256 - (256 % bound);
  for (;;) {
    for (const byte of random.bytes(4)) {
      if (byte < limit) return byte % bound;
    }
  }
}
