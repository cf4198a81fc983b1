// Jest runs ES modules with `node --experimental-vm-modules node_modules/jest/bin/jest.js`.
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { fileURLToPath } from "node:url";
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startCognate } from "cognate";

let cognate;
let cognito;
beforeAll(async () => {
  cognate = await startCognate({ seed: fileURLToPath(new URL("../seed.yaml", import.meta.url)) });
  cognito = new CognitoIdentityProviderClient(cognate.sdkConfig);
});
afterAll(async () => {
  cognito.destroy();
  await cognate.stop();
});

test("a wrong password is refused as Cognito refuses it", async () => {
  await expect(
    cognito.send(
      new InitiateAuthCommand({
        ClientId: cognate.seeded.pools.example.clients.web.id,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "ada@example.com", PASSWORD: "wrong" },
      }),
    ),
  ).rejects.toMatchObject({ name: "NotAuthorizedException", message: "Incorrect username or password." });
});
