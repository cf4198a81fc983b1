import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { Amplify } from "aws-amplify";
import { signIn, signOut } from "aws-amplify/auth";
import { startCognate } from "../../src/index.js";
import { ConfigError } from "../../src/config/schema.js";
import { inMemoryStorage } from "../helpers/realClients.js";

const seed = join(mkdtempSync(join(tmpdir(), "cognate-start-")), "seed.yaml");
writeFileSync(
  seed,
  `Pools:
  - PoolName: app
    Clients:
      - ClientName: web
        ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
    Users:
      - { Username: ada, Password: Correct-horse-1, Attributes: { email: ada@example.com } }
`,
);

describe("startCognate(): Cognate inside the calling process", () => {
  test("in memory by default, seeded, with client configuration the AWS SDK, amazon-cognito-identity-js and Amplify take as is", async () => {
    const cognate = await startCognate({ seed });
    const cognito = new CognitoIdentityProviderClient(cognate.sdkConfig);
    try {
      assert.match(cognate.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      const { id: poolId, clients } = cognate.seeded.pools.app!;
      const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }));
      assert.deepEqual(pools.UserPools!.map((pool) => pool.Id), [poolId]);

      const pool = new CognitoUserPool({ ...cognate.cognitoIdentityJsPoolData(poolId, clients.web!.id), Storage: inMemoryStorage() });
      const session = await new Promise<unknown>((resolve, reject) =>
        new CognitoUser({ Username: "ada", Pool: pool, Storage: inMemoryStorage() }).authenticateUser(
          new AuthenticationDetails({ Username: "ada", Password: "Correct-horse-1" }),
          { onSuccess: resolve, onFailure: reject },
        ),
      );
      assert.ok(session);

      Amplify.configure(cognate.amplifyConfig(poolId, clients.web!.id));
      const amplify = await signIn({ username: "ada", password: "Correct-horse-1" });
      assert.equal(amplify.isSignedIn, true);
      await signOut();
    } finally {
      cognito.destroy();
      await cognate.stop();
    }
  });

  test("latestCode reads the outbox and advanceClock moves Cognate's clock", async () => {
    const cognate = await startCognate({ seed });
    const cognito = new CognitoIdentityProviderClient(cognate.sdkConfig);
    try {
      const { id: poolId, clients } = cognate.seeded.pools.app!;
      assert.equal(await cognate.latestCode(poolId, "ada"), undefined);
      await cognito.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: "bob", UserAttributes: [{ Name: "email", Value: "bob@example.com" }] }),
      );
      const invitation = (await cognate.outbox({ poolId, username: "bob" })).at(-1)!;
      assert.equal(invitation.kind, "invitation");
      assert.equal(await cognate.latestCode(poolId, "bob"), invitation.code);
      // The temporary password lives 7 days (the pool's default); eight days later it no longer signs in.
      await cognate.advanceClock(8 * 24 * 3600);
      await assert.rejects(
        cognito.send(
          new InitiateAuthCommand({
            ClientId: clients.web!.id,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "bob", PASSWORD: invitation.code! },
          }),
        ),
        { name: "NotAuthorizedException" },
      );
    } finally {
      cognito.destroy();
      await cognate.stop();
    }
  });

  test("options are the settings in camelCase, checked as the command line checks them", async () => {
    await assert.rejects(startCognate({ region: "mars" }), ConfigError);
    await assert.rejects(startCognate({ seed: "/nonexistent/seed.yaml" }), /cannot read the seed file \/nonexistent\/seed\.yaml \(ENOENT\)/);
    const cognate = await startCognate({ region: "eu-west-1", metrics: false, controlApi: false });
    try {
      assert.equal(cognate.sdkConfig.region, "eu-west-1");
      assert.equal((await fetch(`${cognate.endpoint}/metrics`)).status, 404);
      assert.equal((await fetch(`${cognate.endpoint}/_cognate/clock`)).status, 404);
    } finally {
      await cognate.stop();
    }
  });
});
