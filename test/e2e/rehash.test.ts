import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AdminDisableUserCommand, AdminEnableUserCommand, AdminInitiateAuthCommand, InitiateAuthCommand, NotAuthorizedException } from "@aws-sdk/client-cognito-identity-provider";
import { backends, freshDatabase, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { assertSucceeded, authenticateWithCognitoJs, cognitoJsPool, cognitoJsUser } from "../helpers/realClients.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";
import { Browser, formOf } from "../helpers/formBrowser.js";
import { argon2Hasher } from "../../src/domain/passwords/argon2.js";

const CHEAP = "m=8192,t=1,p=1";

for (const backend of backends) {
  describe(`re-hashing at the next password sign-in when --argon2 changes (${backend})`, () => {
    test("only a successful password sign-in upgrades the hash; a wrong password, a refused sign-in and SRP never do", async () => {
      const database = await freshDatabase(backend);
      try {
        const before = await startCognate({ db: database.db, env: { COGNATE_ARGON2: CHEAP } });
        const fixture = new SignInFixture(before, before.client());
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId, {
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        });
        await fixture.confirmedUser(poolId, "ada");
        await fixture.confirmedUser(poolId, "srp-user");
        await before.close();

        const cognate = await startCognate({ db: database.db });
        try {
          const cognito = cognate.client();
          const stored = async (username: string) => (await cognate.app.deps.store.users.getByUsernameKey(poolId, username))!.password!;
          const initial = await stored("ada");
          assert.match(initial.hash, /^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
          const signIn = (password: string) =>
            cognito.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "ada", PASSWORD: password } }));

          await assert.rejects(signIn("Wrong-Horse1"), NotAuthorizedException);
          assert.equal((await stored("ada")).hash, initial.hash, "a wrong password changes nothing");

          await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "ada" }));
          await assert.rejects(signIn(PASSWORD), NotAuthorizedException);
          assert.equal((await stored("ada")).hash, initial.hash, "a refused sign-in rolls the upgrade back");
          await cognito.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "ada" }));

          const srpBefore = await stored("srp-user");
          const pool = cognitoJsPool(cognate.url, poolId, clientId);
          assertSucceeded(await authenticateWithCognitoJs(cognitoJsUser(pool, "srp-user"), "srp-user", PASSWORD));
          assert.deepEqual(await stored("srp-user"), srpBefore, "SRP never sees the password, so never re-hashes");

          const { AuthenticationResult } = await signIn(PASSWORD);
          assert.ok(AuthenticationResult?.AccessToken);
          const upgraded = await stored("ada");
          assert.match(upgraded.hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
          assert.equal(await argon2Hasher.verify(upgraded.hash, PASSWORD), true);
          assert.deepEqual({ ...upgraded, hash: "" }, { ...initial, hash: "" }, "only the hash changes");

          await cognito.send(
            new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ada", PASSWORD } }),
          );
          assert.equal((await stored("ada")).hash, upgraded.hash, "an upgraded hash is not made again");
          await assertSignInEventCarriesNoSecret(cognate, poolId);
        } finally {
          await cognate.close();
        }
      } finally {
        await database.cleanup();
      }
    });

    test("a sign-in on the managed login page upgrades the hash too, through the API's password check", async () => {
      const database = await freshDatabase(backend);
      try {
        const before = await startCognate({ db: database.db, env: { COGNATE_ARGON2: CHEAP } });
        const fixture = new SignInFixture(before, before.client());
        const poolId = await fixture.pool();
        const callback = "https://app.example.com/callback";
        const { clientId } = await fixture.client(poolId, {
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid"],
          CallbackURLs: [callback],
        });
        await fixture.confirmedUser(poolId, "page-user");
        await before.close();

        const cognate = await startCognate({ db: database.db });
        try {
          const stored = async () => (await cognate.app.deps.store.users.getByUsernameKey(poolId, "page-user"))!.password!.hash;
          assert.match(await stored(), /^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
          const browser = new Browser(cognate.url);
          const query = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: callback }).toString();
          const form = formOf(await (await browser.get(`/login?${query}`)).text());
          const signedIn = await browser.post(form.action, { _csrf: form.csrf, username: "page-user", password: PASSWORD });
          assert.equal(signedIn.status, 302);
          assert.ok(signedIn.headers.get("location")!.startsWith(`${callback}?code=`));
          const upgraded = await stored();
          assert.match(upgraded, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
          assert.equal(await argon2Hasher.verify(upgraded, PASSWORD), true);
          await assertSignInEventCarriesNoSecret(cognate, poolId);
        } finally {
          await cognate.close();
        }
      } finally {
        await database.cleanup();
      }
    });
  });
}

/** Neither the old nor the new hash ever enters the audit trail. */
async function assertSignInEventCarriesNoSecret(cognate: RunningCognate, poolId: string): Promise<void> {
  const events = [];
  for await (const event of cognate.app.auditEvents({ poolId })) events.push(event);
  assert.ok(events.length > 0);
  assert.ok(!JSON.stringify(events).includes("$argon2id$"));
}
