import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, freshDatabase, startCognate } from "../helpers/cognate.js";
import { runCognate } from "../helpers/process.js";

const root = mkdtempSync(join(tmpdir(), "cognate-cognito-local-"));
after(() => rmSync(root, { recursive: true, force: true }));

const OLD_POOL = "local_4Xx2sDfAb";
const OLD_CLIENT = "3k9cq0uf5ldd3a2w1vmr8eg4xq";

/** A data directory as cognito-local 3.x writes it: `.cognito/config.json` and `.cognito/db/*.json`. */
function cognitoLocalDirectory(): string {
  const dir = mkdtempSync(join(root, "cognito-"));
  mkdirSync(join(dir, "db"));
  writeFileSync(join(dir, "config.json"), JSON.stringify({ TokenConfig: { IssuerDomain: "http://localhost:9229" }, TriggerFunctions: {} }));
  writeFileSync(
    join(dir, "db", "clients.json"),
    JSON.stringify({
      Clients: {
        [OLD_CLIENT]: {
          ClientId: OLD_CLIENT,
          ClientName: "mobile",
          UserPoolId: OLD_POOL,
          CreationDate: "2024-03-01T09:00:00.000Z",
          LastModifiedDate: "2024-03-01T09:00:00.000Z",
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          TokenValidityUnits: { AccessToken: "hours", IdToken: "minutes", RefreshToken: "days" },
          AllowedOAuthFlowsUserPoolClient: false,
          RefreshTokenValidity: 30,
        },
      },
    }),
  );
  const user = (username: string, extra: object) => ({
    Username: username,
    UserCreateDate: "2024-03-01T09:00:00.000Z",
    UserLastModifiedDate: "2024-03-01T09:00:00.000Z",
    Enabled: true,
    RefreshTokens: [],
    ...extra,
  });
  writeFileSync(
    join(dir, "db", `${OLD_POOL}.json`),
    JSON.stringify({
      Options: {
        Id: OLD_POOL,
        Name: "members",
        UsernameAttributes: ["email"],
        Policies: { PasswordPolicy: { MinimumLength: 8, RequireUppercase: false, RequireLowercase: true, RequireNumbers: true, RequireSymbols: false, TemporaryPasswordValidityDays: 7 } },
        LambdaConfig: {},
        SchemaAttributes: [
          { Name: "sub", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: false, Required: true, StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" } },
          { Name: "email", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" } },
          { Name: "custom:plan", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: true, Required: false, StringAttributeConstraints: { MinLength: "0", MaxLength: "20" } },
        ],
        VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE" },
        MfaConfiguration: "OFF",
        EstimatedNumberOfUsers: 0,
        EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
      },
      Users: {
        "c443af37-2eab-4465-ac94-7ec8b814abad": user("c443af37-2eab-4465-ac94-7ec8b814abad", {
          Password: "plain-text-1",
          UserStatus: "CONFIRMED",
          Attributes: [
            { Name: "sub", Value: "c443af37-2eab-4465-ac94-7ec8b814abad" },
            { Name: "email", Value: "grace@example.com" },
            { Name: "email_verified", Value: true },
            { Name: "custom:plan", Value: "pro" },
          ],
        }),
        "hedy@example.com": user("hedy@example.com", {
          Password: "first-time-2",
          UserStatus: "FORCE_CHANGE_PASSWORD",
          Attributes: [{ Name: "email", Value: "hedy@example.com" }],
        }),
        "ida@example.com": user("ida@example.com", {
          Password: "disabled-3x",
          UserStatus: "CONFIRMED",
          Enabled: false,
          Attributes: [{ Name: "email", Value: "ida@example.com" }],
        }),
      },
      Groups: {
        editors: { GroupName: "editors", Description: "may edit", Precedence: 2, CreationDate: "2024-03-01T09:00:00.000Z", LastModifiedDate: "2024-03-01T09:00:00.000Z", members: ["c443af37-2eab-4465-ac94-7ec8b814abad"] },
      },
    }),
  );
  return dir;
}

for (const backend of backends) {
  describe(`importing a cognito-local data directory (${backend})`, () => {
    test("creates its pools, clients, groups and users; plaintext passwords become Cognate's hashes and sign in", async () => {
      const cognate = await startCognate({ backend });
      try {
        const imported = await cognate.app.commands.importCognitoLocal(cognitoLocalDirectory());
        assert.equal(imported.pools.length, 1);
        const pool = imported.pools[0]!;
        assert.deepEqual({ name: pool.name, oldId: pool.oldId }, { name: "members", oldId: OLD_POOL });
        assert.deepEqual(pool.clients.map((client) => [client.name, client.oldId]), [["mobile", OLD_CLIENT]]);
        assert.deepEqual(imported.configOptions, ["TokenConfig", "TriggerFunctions"]);

        const cognito = cognate.client();
        const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }));
        assert.deepEqual(UserPool!.UsernameAttributes, ["email"]);
        assert.equal(UserPool!.Policies!.PasswordPolicy!.RequireUppercase, false);
        assert.ok(UserPool!.SchemaAttributes!.some((attribute) => attribute.Name === "custom:plan"));
        const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.id, ClientId: pool.clients[0]!.id }));
        assert.deepEqual(UserPoolClient!.TokenValidityUnits, { AccessToken: "hours", IdToken: "minutes", RefreshToken: "days" });

        const signIn = (username: string, password: string) =>
          cognito.send(
            new InitiateAuthCommand({
              ClientId: pool.clients[0]!.id,
              AuthFlow: "USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: username, PASSWORD: password },
            }),
          );
        const grace = await signIn("grace@example.com", "plain-text-1");
        const claims = JSON.parse(Buffer.from(grace.AuthenticationResult!.IdToken!.split(".")[1]!, "base64url").toString());
        assert.equal(claims["custom:plan"], "pro");
        assert.equal(claims.email_verified, true);
        assert.deepEqual(claims["cognito:groups"], ["editors"]);
        assert.equal((await signIn("hedy@example.com", "first-time-2")).ChallengeName, "NEW_PASSWORD_REQUIRED");
        await assert.rejects(signIn("ida@example.com", "disabled-3x"), { name: "NotAuthorizedException", message: "User is disabled." });
        const ida = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: "ida@example.com" }));
        assert.equal(ida.Enabled, false);
        const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.id, Username: "grace@example.com" }));
        assert.deepEqual(groups.Groups!.map((group) => [group.GroupName, group.Description, group.Precedence]), [["editors", "may edit", 2]]);
      } finally {
        await cognate.close();
      }
    });
  });
}

describe("cognate import-cognito-local DIR", () => {
  test("migrates in one command and says what became of each id and of config.json's options", async () => {
    const { db, cleanup } = await freshDatabase("sqlite");
    try {
      const result = await runCognate(["import-cognito-local", cognitoLocalDirectory()], { COGNATE_DB: db });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^pool members: ${OLD_POOL} -> us-east-1_\\w+$`, "m"));
      assert.match(result.stdout, new RegExp(`^  client mobile: ${OLD_CLIENT} -> \\w+$`, "m"));
      assert.match(result.stdout, /^config\.json TriggerFunctions: not carried: set each pool's LambdaConfig and map its functions with --functions FILE or --lambda-endpoint URL$/m);
      assert.doesNotMatch(result.stdout + result.stderr, /plain-text-1/);

      const missing = await runCognate(["import-cognito-local", join(root, "nothing-here")], { COGNATE_DB: db });
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot read the directory/);
    } finally {
      await cleanup();
    }
  });
});
