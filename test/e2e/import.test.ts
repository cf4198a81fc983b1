import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  GetCSVHeaderCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  PasswordResetRequiredException,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, freshDatabase, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { latestCode } from "../helpers/codes.js";
import { runCognate } from "../helpers/process.js";

const HEADER =
  "cognito:username,name,given_name,family_name,middle_name,nickname,preferred_username,profile,picture,website,email,email_verified,gender,birthdate,zoneinfo,locale,phone_number,phone_number_verified,address,updated_at,custom:team,cognito:mfa_enabled";

/** A row of HEADER's columns from the few that the tests set. */
function row(values: { username: string; name?: string; email?: string; verified?: string; address?: string; team?: string; mfa?: string }): string {
  const cells = new Array<string>(22).fill("");
  cells[0] = values.username;
  cells[1] = values.name ?? "";
  cells[10] = values.email ?? "";
  cells[11] = values.verified ?? "true";
  cells[18] = values.address ?? "";
  cells[20] = values.team ?? "";
  cells[21] = values.mfa ?? "false";
  return cells.join(",");
}

const POOL: CreateUserPoolCommandInput = {
  PoolName: "imported",
  AutoVerifiedAttributes: ["email"],
  Schema: [{ Name: "team", AttributeDataType: "String", Mutable: true }],
};

for (const backend of backends) {
  describe(`cognate import (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let database: { db: string; cleanup(): Promise<void> };
    let dir: string;

    before(async () => {
      database = await freshDatabase(backend);
      cognate = await startCognate({ db: database.db });
      cognito = cognate.client();
      dir = mkdtempSync(join(tmpdir(), "cognate-import-"));
    });
    after(async () => {
      await cognate.close();
      await database.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    const newPool = async (input: CreateUserPoolCommandInput = POOL) => (await cognito.send(new CreateUserPoolCommand(input))).UserPool!.Id!;
    let files = 0;
    const importCsv = (poolId: string, text: string) => {
      const file = join(dir, `users-${(files += 1)}.csv`);
      writeFileSync(file, text);
      return runCognate(["import", "--pool", poolId, file, "--db", database.db]);
    };

    test("GetCSVHeader lists the pool's columns, and a file with exactly that header imports", async () => {
      const poolId = await newPool();
      const { UserPoolId, CSVHeader } = await cognito.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
      assert.equal(UserPoolId, poolId);
      const standard = HEADER.split(",").filter((name) => !name.startsWith("cognito:") && !name.startsWith("custom:"));
      assert.deepEqual(CSVHeader, [...standard, "custom:team", "cognito:mfa_enabled", "cognito:username"]);
      const cells = CSVHeader!.map((name) =>
        ({ "cognito:username": "carol", email: "carol@example.com", email_verified: "true", "cognito:mfa_enabled": "false" })[name] ?? "",
      );
      const result = await importCsv(poolId, `${CSVHeader!.join(",")}\n${cells.join(",")}\n`);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, "imported 1 users, 0 rows refused\n");
      await rejectsWith(
        cognito.send(new GetCSVHeaderCommand({ UserPoolId: "us-east-1_nosuchpool" })),
        ResourceNotFoundException,
        "User pool us-east-1_nosuchpool does not exist.",
      );
    });

    test("imports RESET_REQUIRED users with quoted values, who reset their password and then sign in", async () => {
      const poolId = await newPool();
      const csv = [
        HEADER,
        row({ username: "alice", name: '"Smith, Alice ""Al"""', email: "alice@example.com", address: '"1 Main St\r\nSpringfield"', team: "blue" }),
        `${row({ username: "bob", email: "bob@example.com", name: '"Bob\nBuilder"' })}`,
        "",
      ].join("\r\n");
      const result = await importCsv(poolId, csv);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, "imported 2 users, 0 rows refused\n");
      assert.match(result.stderr, /100% 2 rows/);

      const alice = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice" }));
      assert.equal(alice.UserStatus, "RESET_REQUIRED");
      assert.equal(alice.Enabled, true);
      const attributes = Object.fromEntries(alice.UserAttributes!.map((attribute) => [attribute.Name, attribute.Value]));
      assert.match(attributes.sub!, /^[0-9a-f-]{36}$/);
      assert.deepEqual(
        { ...attributes, sub: "" },
        {
          sub: "",
          name: 'Smith, Alice "Al"',
          email: "alice@example.com",
          email_verified: "true",
          address: "1 Main St\r\nSpringfield",
          "custom:team": "blue",
        },
      );
      const listed = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
      assert.deepEqual(listed.Users!.map((user) => [user.Username, user.UserStatus]), [
        ["alice", "RESET_REQUIRED"],
        ["bob", "RESET_REQUIRED"],
      ]);
      assert.equal(listed.Users![1]!.Attributes!.find((attribute) => attribute.Name === "name")?.Value, "Bob\nBuilder");

      const clientId = (
        await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }))
      ).UserPoolClient!.ClientId!;
      const signIn = (password: string) =>
        cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD: password } }));
      await rejectsWith(signIn("Anything1!"), PasswordResetRequiredException, "Password reset required for the user");
      await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "alice" }));
      const { code } = await latestCode(cognate, poolId, "alice", "forgot-password");
      await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: "alice", ConfirmationCode: code, Password: "NewPassw0rd!" }));
      const tokens = await signIn("NewPassw0rd!");
      assert.ok(tokens.AuthenticationResult?.AccessToken);
    });

    test("--password-hashing-algorithm imports a cognito:password_hash column: those users sign in with their old password", async () => {
      const poolId = await newPool();
      const { default: bcrypt } = await import("bcryptjs");
      const csv = `cognito:username,email,email_verified,cognito:password_hash\nkept,kept@example.com,true,${bcrypt.hashSync("Old-Password1", 10)}\n`;
      const file = join(dir, `users-${(files += 1)}.csv`);
      writeFileSync(file, csv);
      const result = await runCognate(["import", "--pool", poolId, file, "--password-hashing-algorithm", "BCRYPT", "--db", database.db]);
      assert.match(result.stdout, /imported 1 users, 0 rows refused/);
      assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "kept" }))).UserStatus, "CONFIRMED");
      const clientId = (
        await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }))
      ).UserPoolClient!.ClientId!;
      const tokens = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "kept", PASSWORD: "Old-Password1" } }),
      );
      assert.ok(tokens.AuthenticationResult?.AccessToken);
      const refused = await runCognate(["import", "--pool", poolId, file, "--password-hashing-algorithm", "MD5", "--db", database.db]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /--password-hashing-algorithm must be one of BCRYPT, SCRYPT, ARGON2ID, PBKDF2_SHA256/);
    });

    test("refuses bad rows with their line and reason and imports the rest", async () => {
      const poolId = await newPool();
      const csv = [
        HEADER,
        row({ username: "first", email: "first@example.com" }),
        row({ username: "bad-email", email: "not-an-email" }),
        row({ username: "first", email: "again@example.com" }),
        row({ username: "unverified", email: "u@example.com", verified: "false" }),
        "short,row",
        row({ username: "last", email: "last@example.com", name: '"multi\nline"' }),
        "",
      ].join("\n");
      const result = await importCsv(poolId, csv);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stdout,
        [
          "imported 2 users, 4 rows refused",
          "  line 3: Invalid email address format.",
          "  line 4: User account already exists",
          "  line 5: email_verified must be true: an imported user needs a verified email to reset their password",
          "  line 6: the row has 2 fields where the header has 22",
          "",
        ].join("\n"),
      );
      const listed = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
      assert.deepEqual(listed.Users!.map((user) => user.Username), ["first", "last"]);
    });

    // docs/behaviour.md#boolean-attribute-values: the developer guide's sample file writes TRUE and FALSE.
    test("reads true and false in any letter case, keeps them as written, and still refuses anything else", async () => {
      const poolId = await newPool();
      const csv = [
        HEADER,
        row({ username: "upper", email: "upper@example.com", verified: "TRUE", mfa: "FALSE" }),
        row({ username: "title", email: "title@example.com", verified: "True", mfa: "True" }),
        row({ username: "unverified", email: "unverified@example.com", verified: "FALSE" }),
        row({ username: "yes", email: "yes@example.com", verified: "yes" }),
        row({ username: "mfa", email: "mfa@example.com", mfa: "no" }),
        "",
      ].join("\n");
      const result = await importCsv(poolId, csv);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stdout,
        [
          "imported 2 users, 3 rows refused",
          "  line 4: email_verified must be true: an imported user needs a verified email to reset their password",
          "  line 5: Attributes did not conform to the schema: email_verified: Boolean value must be true or false",
          "  line 6: cognito:mfa_enabled must be true or false",
          "",
        ].join("\n"),
      );
      const verifiedFlag = async (username: string) =>
        (await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserAttributes!.find(
          (attribute) => attribute.Name === "email_verified",
        )?.Value;
      assert.equal(await verifiedFlag("upper"), "TRUE");
      assert.equal(await verifiedFlag("title"), "True");

      const clientId = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app" }))).UserPoolClient!.ClientId!;
      await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "upper" }));
      const { destination } = await latestCode(cognate, poolId, "upper", "forgot-password");
      assert.equal(destination, "upper@example.com");
    });

    test("refuses the whole file, exit 2, for a header without cognito:username, an unknown column or an unknown pool", async () => {
      const poolId = await newPool();
      const noUsername = await importCsv(poolId, "email,email_verified\nx@example.com,true\n");
      assert.equal(noUsername.code, 2);
      assert.equal(noUsername.stderr, "cognate: import refused: the header has no cognito:username column\n");
      const unknown = await importCsv(poolId, "cognito:username,email,email_verified,custom:nope\nx,x@example.com,true,1\n");
      assert.equal(unknown.code, 2);
      assert.equal(unknown.stderr, `cognate: import refused: column "custom:nope" is not an attribute of user pool ${poolId}\n`);
      const noPool = await importCsv("us-east-1_missing", `${HEADER}\n`);
      assert.equal(noPool.code, 2);
      assert.equal(noPool.stderr, "cognate: import refused: user pool us-east-1_missing does not exist\n");
      const listed = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
      assert.deepEqual(listed.Users, []);
    });

    test("imports users of a pool whose users sign in with their email under a generated username", async () => {
      const poolId = await newPool({ PoolName: "by email", UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] });
      const result = await importCsv(poolId, "cognito:username,email_verified\ncarol@example.com,true\nnot-an-email,true\n");
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, "imported 1 users, 1 rows refused\n  line 3: Username should be an email.\n");
      const carol = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "carol@example.com" }));
      assert.equal(carol.UserStatus, "RESET_REQUIRED");
      assert.equal(carol.Username, carol.UserAttributes!.find((attribute) => attribute.Name === "sub")?.Value);
    });

    test("imports twenty thousand generated rows", async () => {
      const poolId = await newPool();
      const lines = [HEADER];
      for (let index = 0; index < 20_000; index++) lines.push(row({ username: `user${index}`, email: `user${index}@example.com`, name: `User ${index}` }));
      const result = await importCsv(poolId, `${lines.join("\n")}\n`);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, "imported 20000 users, 0 rows refused\n");
      const listed = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username = "user19999"' }));
      assert.equal(listed.Users?.[0]?.UserStatus, "RESET_REQUIRED");
    });
  });
}
