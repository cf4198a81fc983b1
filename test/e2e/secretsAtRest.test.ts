import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import {
  DescribeUserPoolClientCommand,
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
