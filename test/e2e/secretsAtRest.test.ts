import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  DescribeUserPoolClientCommand,
  UpdateUserAttributesCommand,
  InitiateAuthCommand,
  InternalErrorException,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, freshDatabase, secureModeEnv, startCognate } from "../helpers/cognate.js";
import { runCognate } from "../helpers/process.js";
import { PASSWORD, SignInFixture, secretHash } from "../helpers/signIn.js";
import { openSqlDatabase } from "../../src/storage/open.js";

const KEY_A = randomBytes(32).toString("base64");
const KEY_B = randomBytes(32).toString("base64");

/** Everything the database holds in the secret-bearing columns, as raw text. */
async function rawSecrets(db: string): Promise<string> {
  const database = await openSqlDatabase(db);
  try {
    const clients = await database.selectFrom("app_clients").select("secret").execute();
    const users = await database.selectFrom("users").select("password").execute();
    const keys = await database.selectFrom("signing_keys").select("private_key_pem").execute();
    return JSON.stringify([clients, users, keys]);
  } finally {
    await database.destroy();
  }
}

for (const backend of backends) {
  describe(`secrets at rest with COGNATE_MASTER_KEY, in secure mode (${backend})`, () => {
    const secure = secureModeEnv();
    test("keys, verifiers and client secrets are stored encrypted; rotation re-encrypts; signing keys rotate", async () => {
      const database = await freshDatabase(backend);
      try {
        const first = await startCognate({ db: database.db, env: { ...secure, COGNATE_MASTER_KEY: KEY_A } });
        const cognito = first.client();
        const fixture = new SignInFixture(first, cognito);
        const poolId = await fixture.pool();
        const { clientId, secret } = await fixture.client(poolId, { GenerateSecret: true });
        await fixture.confirmedUser(poolId, "ada");
        const signIn = (client: typeof cognito) =>
          client.send(
            new InitiateAuthCommand({
              AuthFlow: "USER_PASSWORD_AUTH",
              ClientId: clientId,
              AuthParameters: { USERNAME: "ada", PASSWORD, SECRET_HASH: secretHash(secret!, "ada", clientId) },
            }),
          );
        await signIn(cognito);
        const verifier = (await first.app.deps.store.users.getByUsernameKey(poolId, "ada"))!.password!.srpVerifier;
        await first.close();

        const raw = await rawSecrets(database.db);
        assert.ok(!raw.includes(secret!), "no client secret in clear");
        assert.ok(!raw.includes("BEGIN PRIVATE KEY"), "no private key in clear");
        assert.ok(!raw.includes(verifier), "no SRP verifier in clear");
        assert.match(raw, /enc:v1:/);

        const keyless = await startCognate({ db: database.db, env: secure });
        await assert.rejects(
          keyless.client().send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })),
          InternalErrorException,
          "the database alone does not yield the secret",
        );
        await keyless.close();

        const rotated = await runCognate(["keys", "rotate-master", "--from-key", KEY_A], { COGNATE_DB: database.db, COGNATE_MASTER_KEY: KEY_B });
        assert.equal(rotated.code, 0, rotated.stderr);
        assert.match(rotated.stdout, /^[1-9]\d* secrets re-encrypted/);

        const oldKey = await startCognate({ db: database.db, env: { ...secure, COGNATE_MASTER_KEY: KEY_A } });
        await assert.rejects(oldKey.client().send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })));
        await oldKey.close();

        const jwks = async (url: string) =>
          ((await (await fetch(`${url}/${poolId}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys.map((key) => key.kid);
        const second = await startCognate({ db: database.db, env: { ...secure, COGNATE_MASTER_KEY: KEY_B } });
        const { UserPoolClient } = await second.client().send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
        assert.equal(UserPoolClient!.ClientSecret, secret);
        await signIn(second.client());
        const kidsBefore = await jwks(second.url);
        await second.close();

        const retired = await runCognate(["keys", "rotate", "--pool", poolId], { COGNATE_DB: database.db, COGNATE_MASTER_KEY: KEY_B });
        assert.equal(retired.code, 0, retired.stderr);
        const third = await startCognate({ db: database.db, env: { ...secure, COGNATE_MASTER_KEY: KEY_B } });
        try {
          await signIn(third.client());
          const kidsAfter = await jwks(third.url);
          assert.equal(kidsAfter.length, 4, "old kids stay published beside the new ones");
          for (const kid of kidsBefore) assert.ok(kidsAfter.includes(kid));
        } finally {
          await third.close();
        }
      } finally {
        await database.cleanup();
      }
    });
  });
}

/** The raw bytes SQLite keeps (the file and its write-ahead log), or every PostgreSQL row of the tables, as text. */
async function rawDatabase(db: string): Promise<string> {
  if (db.startsWith("sqlite:")) {
    const path = db.slice("sqlite:".length);
    return [path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file).toString("latin1")).join("\n");
  }
  const database = await openSqlDatabase(db);
  try {
    // The text columns only: a six-digit code could turn up inside an epoch-millisecond number by chance.
    return JSON.stringify([
      await database.selectFrom("auth_sessions").select(["id", "username", "data"]).execute(),
      await database.selectFrom("pending_codes").select(["username", "digest", "pending_value"]).execute(),
      await database.selectFrom("outbox").select(["destination", "subject", "body", "code"]).execute(),
      await database.selectFrom("users").select(["username", "attributes", "password"]).execute(),
    ]);
  } finally {
    await database.destroy();
  }
}

for (const backend of backends) {
  describe(`every secret sealed with COGNATE_MASTER_KEY (${backend})`, () => {
    test("challenge state, held-back attribute values, outbox bodies and codes never reach the database in clear", async () => {
      const database = await freshDatabase(backend);
      try {
        const cognate = await startCognate({ db: database.db, env: { COGNATE_MASTER_KEY: KEY_A } });
        const cognito = cognate.client();
        const fixture = new SignInFixture(cognate, cognito);
        const poolId = await fixture.pool({
          AutoVerifiedAttributes: ["email"],
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
        });
        const { clientId } = await fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
        // An invitation: its body carries the temporary password.
        const temporaryPassword = "Invite-Secret-9zq";
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "grace",
            TemporaryPassword: temporaryPassword,
            UserAttributes: [{ Name: "email", Value: "grace@example.com" }, { Name: "email_verified", Value: "true" }],
            DesiredDeliveryMediums: ["EMAIL"],
          }),
        );
        await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "grace", Password: PASSWORD, Permanent: true }));
        // A held-back email change: the new value waits, with its code, until verified.
        const { AuthenticationResult } = await cognito.send(
          new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "grace", PASSWORD } }),
        );
        const newEmail = "grace.hopper.secret@example.org";
        await cognito.send(new UpdateUserAttributesCommand({ AccessToken: AuthenticationResult!.AccessToken!, UserAttributes: [{ Name: "email", Value: newEmail }] }));
        const outbox = await cognate.app.control.outbox({ poolId, limit: 10 });
        const code = outbox.find((message) => message.code !== null)!.code!;
        assert.ok(outbox.some((message) => message.body.includes(temporaryPassword)), "the outbox reads back in clear through the app");
        // A challenge session: SRP's server secret b waits in it for the answer.
        await cognito.send(new InitiateAuthCommand({ AuthFlow: "USER_SRP_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "grace", SRP_A: "2" } }));
        const rows = await openSqlDatabase(database.db);
        const sessions = await rows.selectFrom("auth_sessions").select("id").execute().finally(() => rows.destroy());
        const session = await cognate.app.deps.store.sessions.get(sessions[0]!.id);
        const serverSecret = session!.data.b as string;
        await cognate.close();

        const raw = await rawDatabase(database.db);
        for (const [kind, secret] of [
          ["the invitation's temporary password", temporaryPassword],
          ["the verification code", code],
          ["the held-back email", newEmail],
          ["the SRP session's private value", serverSecret],
        ] as const) {
          assert.ok(secret.length >= 6 && !raw.includes(secret), `${kind} is not stored in clear`);
        }
      } finally {
        await database.cleanup();
      }
    });
  });
}
