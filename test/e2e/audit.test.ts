import { after, before, describe, test } from "node:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  DescribeUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, freshDatabase, secureModeEnv, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { runCognate } from "../helpers/process.js";
import { PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";
import { openStore } from "../../src/storage/open.js";
import type { Store } from "../../src/domain/ports/store.js";
import type { AuditEvent } from "../../src/domain/audit/types.js";

async function events(cognate: RunningCognate, query: Partial<Parameters<Store["audit"]["list"]>[0]> = {}): Promise<AuditEvent[]> {
  return (await cognate.app.deps.store.audit.list({ limit: 1000, ...query })).items;
}

for (const backend of backends) {
  describe(`the audit trail, in secure mode (${backend})`, () => {
    const secure = secureModeEnv();
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let poolId: string;
    let clientId: string;
    before(async () => {
      database = await freshDatabase(backend);
      cognate = await startCognate({ db: database.db, env: secure });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
      poolId = await fixture.pool();
      ({ clientId } = await fixture.client(poolId));
      await fixture.invitedUser(poolId, "ada", [{ Name: "email", Value: "ada@example.com" }]);
    });
    after(async () => {
      await cognate.close();
      await database.cleanup();
    });

    test("AdminSetUserPassword records caller, request, pool, internal user and whether the password was permanent", async () => {
      const { $metadata } = await cognito.send(
        new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "ada", Password: PASSWORD, Permanent: true }),
      );
      const [event] = await events(cognate, { poolId, operation: "AdminSetUserPassword" });
      assert.ok(event !== undefined);
      assert.equal(event.requestId, $metadata.requestId);
      assert.equal(event.outcome, "success");
      assert.equal(event.username, "ada");
      assert.deepEqual(event.details, { permanent: true });
      assert.equal(event.actor, "arn:aws:iam::000000000000:user/tests");
      assert.equal(event.sourceIp, "127.0.0.1");
    });

    test("sign-in outcomes are recorded, failures with their error type, never with a password", async () => {
      await assert.rejects(
        cognito.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "ada", PASSWORD: "Wrong-Password9" } })),
      );
      await cognito.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "ada", PASSWORD } }));
      const signIns = await events(cognate, { poolId: undefined, operation: "InitiateAuth" });
      assert.ok(signIns.some((event) => event.outcome === "failure" && event.errorType === "NotAuthorizedException"));
      assert.ok(signIns.some((event) => event.outcome === "success" && event.actor === `client:${clientId}`));
      const everything = JSON.stringify(await events(cognate));
      for (const secret of [PASSWORD, TEMPORARY_PASSWORD, "Wrong-Password9"]) assert.ok(!everything.includes(secret), "no password in the trail");
    });

    test("a refused GetTokensFromRefreshToken is recorded like any refused sign-in, without the token", async () => {
      const refreshToken = "not-a-refresh-token-at-all";
      await assert.rejects(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken })));
      const [event] = await events(cognate, { operation: "GetTokensFromRefreshToken" });
      assert.equal(event?.outcome, "failure");
      assert.equal(event?.errorType, "NotAuthorizedException");
      assert.ok(!JSON.stringify(event).includes(refreshToken));
    });

    test("reads are not audited unless asked", async () => {
      await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
      assert.equal((await events(cognate, { operation: "DescribeUserPool" })).length, 0);
      const reading = await startCognate({ db: database.db, env: { ...secure, COGNATE_AUDIT_READS: "1" } });
      try {
        await reading.client().send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        assert.equal((await events(reading, { operation: "DescribeUserPool" })).length, 1);
      } finally {
        await reading.close().catch(() => undefined);
      }
    });

    test("no change without its event: when the event cannot be written, the change is not either", async () => {
      const store = await openStore(database.db);
      const failingAudit: Store = new Proxy(store, {
        get(target, property, receiver) {
          if (property === "transaction") {
            return (fn: (tx: Store) => Promise<unknown>) =>
              target.transaction((tx) =>
                fn(
                  new Proxy(tx, {
                    get(inner, name, innerReceiver) {
                      if (name === "audit") return { append: async () => Promise.reject(new Error("audit unavailable")), list: inner.audit.list.bind(inner.audit) };
                      return Reflect.get(inner, name, innerReceiver);
                    },
                  }),
                ),
              );
          }
          return Reflect.get(target, property, receiver);
        },
      });
      const broken = await startCognate({ db: database.db, env: secure, overrides: { store: failingAudit } });
      try {
        const before = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }));
        await assert.rejects(
          broken.client().send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "grace", MessageAction: "SUPPRESS", TemporaryPassword: TEMPORARY_PASSWORD })),
        );
        await assert.rejects(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "grace" })), { name: "UserNotFoundException" });
        const afterwards = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }));
        assert.equal(afterwards.UserLastModifiedDate?.getTime(), before.UserLastModifiedDate?.getTime());
      } finally {
        await broken.close().catch(() => undefined);
      }
    });

    test("operator commands are audited: cognate import and keys rotate appear in cognate audit as cognate:<Name>", async () => {
      const importPool = await fixture.pool({ AutoVerifiedAttributes: ["email"] });
      const dir = mkdtempSync(join(tmpdir(), "cognate-audit-import-"));
      try {
        const csv = join(dir, "users.csv");
        writeFileSync(csv, "cognito:username,email,email_verified\r\nlin,lin@example.com,true\r\n");
        const imported = await runCognate(["import", "--pool", importPool, csv], { COGNATE_DB: database.db });
        assert.equal(imported.code, 0, imported.stderr);
        writeFileSync(csv, "cognito:username,custom:nope\r\n");
        const refused = await runCognate(["import", "--pool", importPool, csv], { COGNATE_DB: database.db });
        assert.equal(refused.code, 2, refused.stderr);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const rotated = await runCognate(["keys", "rotate", "--pool", importPool], { COGNATE_DB: database.db });
      assert.equal(rotated.code, 0, rotated.stderr);

      const listed = await runCognate(["audit", "--pool", importPool, "--json"], { COGNATE_DB: database.db });
      assert.equal(listed.code, 0, listed.stderr);
      const commands = listed.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as AuditEvent)
        .filter((event) => event.operation.startsWith("cognate:"))
        .map(({ operation, outcome, actor, errorType, details }) => ({ operation, outcome, actor, errorType, details }));
      assert.deepEqual(commands, [
        { operation: "cognate:ImportUsers", outcome: "success", actor: "local", errorType: undefined, details: { imported: 1, refused: 0 } },
        { operation: "cognate:ImportUsers", outcome: "failure", actor: "local", errorType: "ImportHeaderError", details: undefined },
        { operation: "cognate:RotateSigningKeys", outcome: "success", actor: "local", errorType: undefined, details: undefined },
      ]);
    });

    test("cognate audit lists events with filters, as a table or JSON lines", async () => {
      const json = await runCognate(["audit", "--pool", poolId, "--operation", "AdminSetUserPassword", "--json"], { COGNATE_DB: database.db });
      assert.equal(json.code, 0, json.stderr);
      const lines = json.stdout.trim().split("\n").map((line) => JSON.parse(line) as AuditEvent);
      assert.equal(lines.length, 1);
      assert.equal(lines[0]!.username, "ada");
      const failures = await runCognate(["audit", "--outcome", "failure", "--operation", "InitiateAuth"], { COGNATE_DB: database.db });
      assert.equal(failures.code, 0, failures.stderr);
      assert.match(failures.stdout, /^TIME\s+OUTCOME\s+OPERATION/);
      assert.match(failures.stdout, /failure\s+InitiateAuth\s+.*NotAuthorizedException/);
      assert.doesNotMatch(failures.stdout, /success/);
      const bad = await runCognate(["audit", "--outcome", "maybe"], { COGNATE_DB: database.db });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--outcome must be success or failure/);
    });
  });
}
