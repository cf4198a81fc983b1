import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startCognate } from "cognate";

let cognate;
let cognito;
before(async () => {
  cognate = await startCognate({ seed: fileURLToPath(new URL("../seed.yaml", import.meta.url)) });
  cognito = new CognitoIdentityProviderClient(cognate.sdkConfig);
});
after(async () => {
  cognito.destroy();
  await cognate.stop();
});

test("a seeded user signs in with her password", async () => {
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: cognate.seeded.pools.example.clients.web.id,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "ada@example.com", PASSWORD: "Correct-horse-1" },
    }),
  );
  assert.ok(AuthenticationResult.AccessToken);
});
