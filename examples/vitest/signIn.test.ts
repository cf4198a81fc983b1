import { afterAll, beforeAll, expect, test } from "vitest";
import {
  CognitoIdentityProviderClient,
  ForgotPasswordCommand,
  ConfirmForgotPasswordCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startCognate, type RunningCognate } from "cognate";

let cognate: RunningCognate;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  cognate = await startCognate({ seed: new URL("../seed.yaml", import.meta.url).pathname });
  cognito = new CognitoIdentityProviderClient(cognate.sdkConfig);
});
afterAll(async () => {
  cognito.destroy();
  await cognate.stop();
});

const signIn = (password: string) =>
  cognito.send(
    new InitiateAuthCommand({
      ClientId: cognate.seeded.pools.example!.clients.web!.id,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "ada@example.com", PASSWORD: password },
    }),
  );

test("a seeded user signs in and is in her group", async () => {
  const { AuthenticationResult } = await signIn("Correct-horse-1");
  const claims = JSON.parse(Buffer.from(AuthenticationResult!.IdToken!.split(".")[1]!, "base64url").toString());
  expect(claims["cognito:groups"]).toEqual(["admins"]);
});

test("a forgotten password is reset with the code from the outbox", async () => {
  const { id: poolId, clients } = cognate.seeded.pools.example!;
  await cognito.send(new ForgotPasswordCommand({ ClientId: clients.web!.id, Username: "ada@example.com" }));
  const code = await cognate.latestCode(poolId, "ada@example.com");
  await cognito.send(
    new ConfirmForgotPasswordCommand({ ClientId: clients.web!.id, Username: "ada@example.com", ConfirmationCode: code!, Password: "Battery-staple-2" }),
  );
  await expect(signIn("Battery-staple-2")).resolves.toHaveProperty("AuthenticationResult");
});

test("a code expires when the clock moves on", async () => {
  const { id: poolId, clients } = cognate.seeded.pools.example!;
  await cognito.send(new ForgotPasswordCommand({ ClientId: clients.web!.id, Username: "ada@example.com" }));
  const code = await cognate.latestCode(poolId, "ada@example.com");
  await cognate.advanceClock(2 * 60 * 60);
  await expect(
    cognito.send(
      new ConfirmForgotPasswordCommand({ ClientId: clients.web!.id, Username: "ada@example.com", ConfirmationCode: code!, Password: "Third-time-3" }),
    ),
  ).rejects.toHaveProperty("name", "ExpiredCodeException");
});
