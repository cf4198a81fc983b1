import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CreateUserPoolCommand,
  InvalidParameterException,
  InvalidPasswordException,
  PasswordHistoryPolicyViolationException,
  ResourceNotFoundException,
  UpdateUserPoolCommand,
  UserNotFoundException,
  type AdminGetUserResponse,
  type AdminSetUserPasswordCommandInput,
  type CognitoIdentityProviderClient,
  type CreateUserPoolRequest,
  type UserStatusType,
} from "@aws-sdk/client-cognito-identity-provider";
import { argon2Hasher } from "../../src/domain/passwords/argon2.js";
import { computeVerifier } from "../../src/domain/passwords/srp.js";
import type { UserRecord } from "../../src/domain/users/types.js";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";

const TARGET = "AWSCognitoIdentityProviderService";
const DAY_SECONDS = 24 * 60 * 60;
const TEMPORARY = "Temp0rary!Pass";
const PERMANENT = "Perm4nent!Pass";
const PATTERN_FAILURE =
  "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$";

/** A debug-level logger whose output the test can read. */
function capturedLog(): { log: Logger; text: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  return { log: pino<never>({ level: "debug" }, sink), text: () => chunks.join("") };
}

/** Headers of a well-formed dev-mode signature (any key; dev mode cannot check the signature). */
function devSignatureHeaders(): Record<string, string> {
  const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  return {
    "x-amz-date": amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTEST/${amzDate.slice(0, 8)}/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
  };
}

for (const backend of backends) {
  describe(`AdminSetUserPassword through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let log: ReturnType<typeof capturedLog>;
    /** Every password, hash and verifier the suite handles: none may show up in a response or the log. */
    const secrets = new Set<string>();

    before(async () => {
      log = capturedLog();
      cognate = await startCognate({ backend, overrides: { log: log.log } });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function createPool(settings: Partial<CreateUserPoolRequest> = {}): Promise<string> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "set-password", ...settings }));
      return UserPool!.Id!;
    }

    /** A FORCE_CHANGE_PASSWORD user with a known temporary password. */
    async function createUser(poolId: string, username: string, email?: { verified: boolean }): Promise<void> {
      secrets.add(TEMPORARY);
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: username,
          TemporaryPassword: TEMPORARY,
          MessageAction: "SUPPRESS",
          ...(email === undefined
            ? {}
            : {
                UserAttributes: [
                  { Name: "email", Value: `${username}@example.com` },
                  { Name: "email_verified", Value: String(email.verified) },
                ],
              }),
        }),
      );
    }

    async function setPassword(poolId: string, username: string, password: string, permanent?: boolean): Promise<void> {
      secrets.add(password);
      const output = await cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: username,
          Password: password,
          ...(permanent === undefined ? {} : { Permanent: permanent }),
        }),
      );
      assert.deepEqual(Object.keys(output), ["$metadata"], "the reply is {}");
    }

    function getUser(poolId: string, username: string): Promise<AdminGetUserResponse> {
      return cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    }

    /** The record as stored: the only place a password's traces can be seen. */
    async function storedUser(poolId: string, username: string): Promise<UserRecord> {
      const user = await cognate.app.deps.store.users.getByUsernameKey(poolId, username);
      assert.ok(user !== undefined, `${username} is stored`);
      if (user.password !== undefined) {
        secrets.add(user.password.hash);
        secrets.add(user.password.srpVerifier);
      }
      return user;
    }

    /** Puts a user in a status no implemented operation reaches yet, as the users tests do. */
    async function writeStatus(poolId: string, username: string, status: UserStatusType, withoutPassword = false): Promise<void> {
      const user = await storedUser(poolId, username);
      const written: UserRecord = { ...user, status };
      if (withoutPassword) delete written.password;
      assert.ok(await cognate.app.deps.store.users.update(written));
    }

    /** The new password works (its hash and SRP verifier), is temporary or not, and was set when the user last changed. */
    async function assertPassword(poolId: string, username: string, password: string, temporary: boolean): Promise<UserRecord> {
      const user = await storedUser(poolId, username);
      assert.ok(user.password !== undefined);
      assert.equal(await argon2Hasher.verify(user.password.hash, password), true, "the hash verifies the new password");
      assert.equal(user.password.srpVerifier, computeVerifier(poolId, user.username, password, Buffer.from(user.password.srpSalt, "hex")));
      assert.equal(user.password.temporary, temporary);
      assert.equal(user.password.expiresAt === undefined, !temporary);
      assert.equal(user.password.setAt.getTime(), user.lastModifiedAt.getTime());
      const reported = await getUser(poolId, username);
      assert.equal(reported.UserLastModifiedDate!.getTime(), user.lastModifiedAt.getTime());
      return user;
    }

    async function statusOf(poolId: string, username: string): Promise<UserStatusType | undefined> {
      return (await getUser(poolId, username)).UserStatus;
    }

    async function clockNow(): Promise<number> {
      const response = await fetch(`${cognate.url}/_cognate/clock`);
      return ((await response.json()) as { now: number }).now;
    }

    async function rawCall(input: Record<string, unknown>): Promise<{ status: number; text: string }> {
      const response = await fetch(`${cognate.url}/`, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": `${TARGET}.AdminSetUserPassword`,
          ...devSignatureHeaders(),
        },
        body: JSON.stringify(input),
      });
      return { status: response.status, text: await response.text() };
    }

    describe("status transitions", () => {
      test("FORCE_CHANGE_PASSWORD becomes CONFIRMED with a permanent password", async () => {
        const poolId = await createPool();
        await createUser(poolId, "alice");
        const created = await storedUser(poolId, "alice");
        await setPassword(poolId, "alice", PERMANENT, true);
        assert.equal(await statusOf(poolId, "alice"), "CONFIRMED");
        const user = await assertPassword(poolId, "alice", PERMANENT, false);
        assert.notEqual(user.password!.hash, created.password!.hash);
        assert.equal(await argon2Hasher.verify(user.password!.hash, TEMPORARY), false, "the old password is gone");
      });

      test("FORCE_CHANGE_PASSWORD stays FORCE_CHANGE_PASSWORD with a new temporary password when Permanent is absent", async () => {
        const poolId = await createPool();
        await createUser(poolId, "bob");
        await setPassword(poolId, "bob", "N3w!Temporary");
        assert.equal(await statusOf(poolId, "bob"), "FORCE_CHANGE_PASSWORD");
        await assertPassword(poolId, "bob", "N3w!Temporary", true);
      });

      test("CONFIRMED becomes FORCE_CHANGE_PASSWORD with Permanent false, and CONFIRMED again with Permanent true", async () => {
        const poolId = await createPool();
        await createUser(poolId, "carol");
        await setPassword(poolId, "carol", PERMANENT, true);
        await setPassword(poolId, "carol", "An0ther!Temp", false);
        assert.equal(await statusOf(poolId, "carol"), "FORCE_CHANGE_PASSWORD");
        await assertPassword(poolId, "carol", "An0ther!Temp", true);
        await setPassword(poolId, "carol", "An0ther!Perm", true);
        assert.equal(await statusOf(poolId, "carol"), "CONFIRMED");
        await assertPassword(poolId, "carol", "An0ther!Perm", false);
      });

      test("RESET_REQUIRED (after AdminResetUserPassword) becomes CONFIRMED or FORCE_CHANGE_PASSWORD", async () => {
        const poolId = await createPool();
        for (const [username, permanent, expected] of [
          ["dave", true, "CONFIRMED"],
          ["dora", false, "FORCE_CHANGE_PASSWORD"],
        ] as const) {
          await createUser(poolId, username, { verified: true });
          await setPassword(poolId, username, PERMANENT, true);
          await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: username }));
          assert.equal(await statusOf(poolId, username), "RESET_REQUIRED");
          await setPassword(poolId, username, "Aft3r!Reset", permanent);
          assert.equal(await statusOf(poolId, username), expected);
          await assertPassword(poolId, username, "Aft3r!Reset", !permanent);
        }
      });

      test("UNCONFIRMED becomes CONFIRMED or FORCE_CHANGE_PASSWORD", async () => {
        const poolId = await createPool();
        for (const [username, permanent, expected] of [
          ["erin", true, "CONFIRMED"],
          ["emil", false, "FORCE_CHANGE_PASSWORD"],
        ] as const) {
          await createUser(poolId, username);
          await writeStatus(poolId, username, "UNCONFIRMED");
          await setPassword(poolId, username, PERMANENT, permanent);
          assert.equal(await statusOf(poolId, username), expected);
          await assertPassword(poolId, username, PERMANENT, !permanent);
        }
      });

      test("a federated user without a password gets one: CONFIRMED or FORCE_CHANGE_PASSWORD", async () => {
        const poolId = await createPool();
        for (const [username, permanent, expected] of [
          ["Google_1111", true, "CONFIRMED"],
          ["Google_2222", false, "FORCE_CHANGE_PASSWORD"],
        ] as const) {
          await createUser(poolId, username);
          await writeStatus(poolId, username, "EXTERNAL_PROVIDER", true);
          assert.equal((await storedUser(poolId, username)).password, undefined);
          await setPassword(poolId, username, PERMANENT, permanent);
          assert.equal(await statusOf(poolId, username), expected);
          await assertPassword(poolId, username, PERMANENT, !permanent);
        }
      });

      test("a disabled user stays disabled", async () => {
        const poolId = await createPool();
        await createUser(poolId, "frank");
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "frank" }));
        await setPassword(poolId, "frank", PERMANENT, true);
        const user = await getUser(poolId, "frank");
        assert.equal(user.Enabled, false);
        assert.equal(user.UserStatus, "CONFIRMED");
      });

      test("attributes are untouched", async () => {
        const poolId = await createPool();
        await createUser(poolId, "gina", { verified: false });
        const before = await getUser(poolId, "gina");
        await setPassword(poolId, "gina", PERMANENT, true);
        assert.deepEqual((await getUser(poolId, "gina")).UserAttributes, before.UserAttributes);
      });

      test("the failed sign-in count is reset", async () => {
        const poolId = await createPool();
        await createUser(poolId, "hank");
        const { username } = await storedUser(poolId, "hank");
        const users = cognate.app.deps.store.users;
        for (let i = 0; i < 6; i++) await users.recordSignInFailure(poolId, username, new Date(), new Date(0));
        assert.equal((await users.signInFailures(poolId, username))?.count, 6);
        await setPassword(poolId, "hank", PERMANENT, true);
        assert.equal(await users.signInFailures(poolId, username), undefined);
      });
    });

    describe("finding the user", () => {
      test("by a verified email alias, not by an unverified one", async () => {
        const poolId = await createPool({ AliasAttributes: ["email"] });
        await createUser(poolId, "ivan", { verified: false });
        await rejectsWith(
          cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "ivan@example.com", Password: PERMANENT, Permanent: true })),
          UserNotFoundException,
          "User does not exist.",
        );
        await cognito.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "ivan", UserAttributes: [{ Name: "email_verified", Value: "true" }] }),
        );
        await setPassword(poolId, "ivan@example.com", PERMANENT, true);
        assert.equal(await statusOf(poolId, "ivan"), "CONFIRMED");
        await assertPassword(poolId, "ivan", PERMANENT, false);
      });

      test("by sub", async () => {
        const poolId = await createPool();
        await createUser(poolId, "jane");
        const sub = (await getUser(poolId, "jane")).UserAttributes!.find((a) => a.Name === "sub")!.Value!;
        await setPassword(poolId, sub, PERMANENT, true);
        assert.equal(await statusOf(poolId, "jane"), "CONFIRMED");
      });

      test("an unknown user is UserNotFoundException", async () => {
        const poolId = await createPool();
        await rejectsWith(
          cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "nobody", Password: PERMANENT })),
          UserNotFoundException,
          "User does not exist.",
        );
      });

      test("an unknown pool, or a pool of another region, is ResourceNotFoundException", async () => {
        await rejectsWith(
          cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: "us-east-1_nothere00", Username: "x", Password: PERMANENT })),
          ResourceNotFoundException,
          "User pool us-east-1_nothere00 does not exist.",
        );
        const poolId = await createPool();
        await createUser(poolId, "kate");
        await rejectsWith(
          cognate.client({ region: "eu-west-1" }).send(
            new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "kate", Password: PERMANENT, Permanent: true }),
          ),
          ResourceNotFoundException,
          `User pool ${poolId} does not exist.`,
        );
        assert.equal(await statusOf(poolId, "kate"), "FORCE_CHANGE_PASSWORD");
      });
    });

    describe("refusals change nothing", () => {
      /** Runs a refused call and checks the user is exactly as before: status, dates and the stored hash. */
      async function assertUnchanged(poolId: string, username: string, refusal: () => Promise<void>): Promise<void> {
        const before = await storedUser(poolId, username);
        const reportedBefore = await getUser(poolId, username);
        await refusal();
        assert.deepEqual(await storedUser(poolId, username), before);
        assert.deepEqual({ ...(await getUser(poolId, username)), $metadata: undefined }, { ...reportedBefore, $metadata: undefined });
      }

      test("each policy rule is InvalidPasswordException with Cognito's message", async () => {
        const poolId = await createPool();
        await createUser(poolId, "liam");
        for (const [password, tail] of [
          ["Sh0rt!", "Password not long enough"],
          ["n0upper!case", "Password must have uppercase characters"],
          ["N0LOWER!CASE", "Password must have lowercase characters"],
          ["No!Numbers!", "Password must have numeric characters"],
          ["N0Symbols123", "Password must have symbol characters"],
        ] as const) {
          secrets.add(password);
          await assertUnchanged(poolId, "liam", () =>
            rejectsWith(
              cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "liam", Password: password, Permanent: true })),
              InvalidPasswordException,
              `Password did not conform with policy: ${tail}`,
            ),
          );
        }
      });

      test("the pool's own policy applies", async () => {
        const poolId = await createPool({
          Policies: { PasswordPolicy: { MinimumLength: 12, RequireUppercase: false, RequireLowercase: true, RequireNumbers: false, RequireSymbols: false } },
        });
        await createUser(poolId, "lena");
        await rejectsWith(
          cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "lena", Password: "elevenchars", Permanent: true })),
          InvalidPasswordException,
          "Password did not conform with policy: Password not long enough",
        );
        await setPassword(poolId, "lena", "twelve chars", true);
        assert.equal(await statusOf(poolId, "lena"), "CONFIRMED");
      });

      test("history: the current and the previous-but-one password are refused, the 4th-oldest is allowed", async () => {
        const poolId = await createPool({ UserPoolTier: "ESSENTIALS", Policies: { PasswordPolicy: { PasswordHistorySize: 3 } } });
        await createUser(poolId, "mona"); // remembers TEMPORARY
        await setPassword(poolId, "mona", "Sec0nd!Pass", true);
        await setPassword(poolId, "mona", "Th1rd!Pass", false);
        for (const reused of ["Th1rd!Pass", TEMPORARY]) {
          for (const permanent of [true, false]) {
            await assertUnchanged(poolId, "mona", () =>
              rejectsWith(
                cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "mona", Password: reused, Permanent: permanent })),
                PasswordHistoryPolicyViolationException,
                "The password has been used too recently.",
              ),
            );
          }
        }
        await setPassword(poolId, "mona", "F0urth!Pass", true);
        await setPassword(poolId, "mona", TEMPORARY, true);
        assert.equal(await statusOf(poolId, "mona"), "CONFIRMED");
        await assertPassword(poolId, "mona", TEMPORARY, false);
      });

      test("a password with leading or trailing whitespace, or over 256 characters, fails validation without echoing it", async () => {
        const poolId = await createPool();
        await createUser(poolId, "nina");
        for (const password of [" Lead1ng!Space", "Tra1ling!Space ", "\tTab1!Password"]) {
          secrets.add(password);
          await assertUnchanged(poolId, "nina", () =>
            rejectsWith(
              cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "nina", Password: password, Permanent: true })),
              InvalidParameterException,
              PATTERN_FAILURE,
            ),
          );
        }
        const long = `Aa1!${"x".repeat(253)}`;
        secrets.add(long);
        await assertUnchanged(poolId, "nina", () =>
          rejectsWith(
            cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "nina", Password: long, Permanent: true })),
            InvalidParameterException,
            "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256",
          ),
        );
        await setPassword(poolId, "nina", `Aa1!${"x".repeat(252)}`, true);
        assert.equal(await statusOf(poolId, "nina"), "CONFIRMED");
      });

      test("checks run in order: validation, pool, user, policy, history", async () => {
        const poolId = await createPool({ UserPoolTier: "ESSENTIALS", Policies: { PasswordPolicy: { PasswordHistorySize: 2 } } });
        await createUser(poolId, "olga");
        await setPassword(poolId, "olga", "Short!Pass1", true);
        await rejectsWith(
          cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: "us-east-1_nothere00", Username: "nobody", Password: " weak" })),
          InvalidParameterException,
          PATTERN_FAILURE,
        );
        await rejectsWith(
          cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: "us-east-1_nothere00", Username: "nobody", Password: "weak" })),
          ResourceNotFoundException,
          "User pool us-east-1_nothere00 does not exist.",
        );
        await rejectsWith(
          cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "nobody", Password: "weak" })),
          UserNotFoundException,
          "User does not exist.",
        );
        await cognito.send(
          new UpdateUserPoolCommand({ UserPoolId: poolId, UserPoolTier: "ESSENTIALS", Policies: { PasswordPolicy: { MinimumLength: 14, PasswordHistorySize: 2 } } }),
        );
        await assertUnchanged(poolId, "olga", () =>
          rejectsWith(
            cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "olga", Password: "Short!Pass1", Permanent: true })),
            InvalidPasswordException,
            "Password did not conform with policy: Password not long enough",
          ),
        );
      });

      test("missing members are InvalidParameterException naming each", async () => {
        const poolId = await createPool();
        await createUser(poolId, "omar");
        await assertUnchanged(poolId, "omar", () =>
          rejectsWith(
            cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "omar", Permanent: true } as AdminSetUserPasswordCommandInput)),
            InvalidParameterException,
            "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
          ),
        );
        await rejectsWith(
          cognito.send(new AdminSetUserPasswordCommand({} as AdminSetUserPasswordCommandInput)),
          InvalidParameterException,
          "3 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'username' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'password' failed to satisfy constraint: Member must not be null",
        );
      });
    });

    describe("temporary password expiry", () => {
      test("is now + TemporaryPasswordValidityDays, and a fresh set after the clock moves gets a fresh expiry", async () => {
        const poolId = await createPool({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 3 } } });
        await createUser(poolId, "pete");

        const beforeFirst = await clockNow();
        await setPassword(poolId, "pete", "F1rst!Temp", false);
        const first = (await storedUser(poolId, "pete")).password!;
        assert.ok(first.setAt.getTime() / 1000 >= beforeFirst - 0.001 && first.setAt.getTime() / 1000 <= (await clockNow()) + 0.001);
        assert.equal(first.expiresAt!.getTime() - first.setAt.getTime(), 3 * DAY_SECONDS * 1000);

        await fetch(`${cognate.url}/_cognate/clock`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ advanceSeconds: 2 * DAY_SECONDS }),
        });
        await setPassword(poolId, "pete", "S3cond!Temp", false);
        const second = (await storedUser(poolId, "pete")).password!;
        assert.ok(second.setAt.getTime() - first.setAt.getTime() >= 2 * DAY_SECONDS * 1000);
        assert.equal(second.expiresAt!.getTime() - second.setAt.getTime(), 3 * DAY_SECONDS * 1000);
        assert.equal((await getUser(poolId, "pete")).UserLastModifiedDate!.getTime(), second.setAt.getTime());
      });

      test("defaults to 7 days", async () => {
        const poolId = await createPool();
        await createUser(poolId, "quin");
        await setPassword(poolId, "quin", "Sev3n!Days", false);
        const password = (await storedUser(poolId, "quin")).password!;
        assert.equal(password.expiresAt!.getTime() - password.setAt.getTime(), 7 * DAY_SECONDS * 1000);
      });
    });

    describe("secrecy", () => {
      test("replies are {} or an error naming no password", async () => {
        const poolId = await createPool({ UserPoolTier: "ESSENTIALS", Policies: { PasswordPolicy: { PasswordHistorySize: 2 } } });
        await createUser(poolId, "rita");
        const ok = await rawCall({ UserPoolId: poolId, Username: "rita", Password: "R1ta!Secret", Permanent: true });
        secrets.add("R1ta!Secret");
        assert.equal(ok.status, 200);
        assert.equal(ok.text, "{}");
        await storedUser(poolId, "rita");
        for (const input of [
          { UserPoolId: poolId, Username: "rita", Password: "R1ta!Secret" },
          { UserPoolId: poolId, Username: "rita", Password: "weakpw" },
          { UserPoolId: poolId, Username: "rita", Password: " R1ta!Spaced" },
          { UserPoolId: poolId, Username: "nobody", Password: "N0body!Secret" },
        ]) {
          secrets.add(input.Password);
          const refused = await rawCall(input);
          assert.equal(refused.status, 400);
          for (const secret of secrets) assert.ok(!refused.text.includes(secret), `reply ${refused.text} names a secret`);
        }
      });

      test("no password, hash or verifier set in this suite appears in the server log", () => {
        const text = log.text();
        assert.ok(text.includes("AdminSetUserPassword"), "the log has the requests");
        assert.ok(secrets.size > 20);
        for (const secret of secrets) assert.ok(!text.includes(secret), `the log contains ${secret.slice(0, 12)}…`);
      });
    });
  });
}
