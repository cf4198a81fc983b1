import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InvalidLambdaResponseException,
  SignUpCommand,
  UnexpectedLambdaException,
  UserLambdaValidationException,
  type CognitoIdentityProviderClient,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import { latestCode, outboxOf } from "../helpers/codes.js";
import { startLambdaServer, type LambdaServer } from "../helpers/lambdaServer.js";
import * as handlers from "../helpers/triggerHandlers.js";
import type { TriggerInvocation } from "../../src/app.js";

/** Function name → the export of test/helpers/triggerHandlers.ts that runs it. */
const FUNCTIONS: Record<string, keyof typeof handlers> = {
  "pre-sign-up": "preSignUp",
  "post-confirmation": "postConfirmation",
  "pre-authentication": "preAuthentication",
  "post-authentication": "postAuthentication",
  "pre-token-v1": "preTokenGenerationV1",
  "pre-token-v2": "preTokenGenerationV2",
};
const HANDLERS_MODULE = fileURLToPath(new URL("../helpers/triggerHandlers.ts", import.meta.url));
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const PASSWORD = "Correct-Horse1";

type Runner = "local functions" | "Lambda API";

/** Cognate running the handlers one way or the other. */
async function startWithTriggers(backend: (typeof backends)[number], runner: Runner): Promise<{ cognate: RunningCognate; lambda?: LambdaServer }> {
  if (runner === "local functions") {
    const dir = mkdtempSync(join(tmpdir(), "cognate-functions-"));
    const file = join(dir, "functions.json");
    // By name and by full ARN; the module path absolute here, relative paths resolve against the file.
    writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(FUNCTIONS).map(([name, exported]) => [name, `${HANDLERS_MODULE}#${exported}`]))));
    return { cognate: await startCognate({ backend, env: { COGNATE_FUNCTIONS: file } }) };
  }
  const lambda = await startLambdaServer(
    Object.fromEntries(Object.entries(FUNCTIONS).map(([name, exported]) => [name, handlers[exported] as never])),
  );
  return { cognate: await startCognate({ backend, env: { COGNATE_LAMBDA_ENDPOINT: lambda.url } }), lambda };
}

async function invocations(cognate: RunningCognate, query: Record<string, string>): Promise<TriggerInvocation[]> {
  const response = await fetch(`${cognate.url}/_cognate/invocations?${new URLSearchParams(query)}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { invocations: TriggerInvocation[] }).invocations;
}

for (const backend of backends) {
  for (const runner of ["local functions", "Lambda API"] as const) {
    describe(`Lambda triggers through ${runner} (${backend})`, () => {
      let cognate: RunningCognate;
      let lambda: LambdaServer | undefined;
      let cognito: CognitoIdentityProviderClient;
      before(async () => {
        ({ cognate, lambda } = await startWithTriggers(backend, runner));
        cognito = cognate.client();
      });
      after(async () => {
        await cognate.close();
        await lambda?.close();
      });

      async function poolWithClient(LambdaConfig: LambdaConfigType): Promise<{ poolId: string; clientId: string }> {
        const { UserPool } = await cognito.send(
          new CreateUserPoolCommand({ PoolName: "triggers", LambdaConfig, AutoVerifiedAttributes: ["email"] }),
        );
        const { UserPoolClient } = await cognito.send(
          new CreateUserPoolClientCommand({
            UserPoolId: UserPool!.Id,
            ClientName: "app",
            ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          }),
        );
        return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
      }

      test("PreSignUp_SignUp gets Cognito's event and may confirm the user and verify their email (no code sent)", async () => {
        const { poolId, clientId } = await poolWithClient({ PreSignUp: fn("pre-sign-up") });
        const signedUp = await cognito.send(
          new SignUpCommand({
            ClientId: clientId,
            Username: "ana",
            Password: PASSWORD,
            UserAttributes: [{ Name: "email", Value: "ana@example.com" }],
            ValidationData: [{ Name: "captcha", Value: "ok" }],
            ClientMetadata: { source: "web" },
          }),
        );
        assert.equal(signedUp.UserConfirmed, true);
        assert.equal(signedUp.CodeDeliveryDetails, undefined);
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ana" }));
        assert.equal(user.UserStatus, "CONFIRMED");
        assert.equal(user.UserAttributes!.find((attribute) => attribute.Name === "email_verified")?.Value, "true");
        assert.deepEqual(await outboxOf(cognate, poolId, "ana"), []);
        const [invocation] = await invocations(cognate, { poolId, trigger: "PreSignUp" });
        assert.equal(invocation!.outcome, "answered");
        assert.equal(invocation!.functionArn, fn("pre-sign-up"));
        assert.deepEqual(invocation!.event, {
          version: "1",
          triggerSource: "PreSignUp_SignUp",
          region: "us-east-1",
          userPoolId: poolId,
          userName: "ana",
          callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId },
          request: { userAttributes: { email: "ana@example.com" }, validationData: { captcha: "ok" }, clientMetadata: { source: "web" } },
          response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
        });
      });

      test("without auto-confirmation the user waits for a code, and ConfirmSignUp runs PostConfirmation_ConfirmSignUp", async () => {
        const { poolId, clientId } = await poolWithClient({ PreSignUp: fn("pre-sign-up"), PostConfirmation: fn("post-confirmation") });
        const signedUp = await cognito.send(
          new SignUpCommand({ ClientId: clientId, Username: "bo", Password: PASSWORD, UserAttributes: [{ Name: "email", Value: "bo@elsewhere.org" }] }),
        );
        assert.equal(signedUp.UserConfirmed, false);
        const { code } = await latestCode(cognate, poolId, "bo", "signup");
        await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "bo", ConfirmationCode: code, ClientMetadata: { step: "confirm" } }));
        const [confirmation] = await invocations(cognate, { poolId, trigger: "PostConfirmation" });
        assert.equal(confirmation!.event.triggerSource, "PostConfirmation_ConfirmSignUp");
        assert.equal(confirmation!.event.callerContext.clientId, clientId);
        const request = confirmation!.event.request as { userAttributes: Record<string, string>; clientMetadata: Record<string, string> };
        assert.equal(request.userAttributes["cognito:user_status"], "CONFIRMED");
        assert.equal(request.userAttributes.email_verified, "true");
        assert.equal(typeof request.userAttributes.sub, "string");
        assert.deepEqual(request.clientMetadata, { step: "confirm" });
      });

      test("a function that throws refuses the sign-up with UserLambdaValidationException, creating nobody", async () => {
        const { poolId, clientId } = await poolWithClient({ PreSignUp: fn("pre-sign-up") });
        await rejectsWith(
          cognito.send(new SignUpCommand({ ClientId: clientId, Username: "blocked", Password: PASSWORD })),
          UserLambdaValidationException,
          "PreSignUp failed with error Sign-ups of blocked are closed.",
        );
        await assert.rejects(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "blocked" })), { name: "UserNotFoundException" });
        const [refused] = await invocations(cognate, { poolId, trigger: "PreSignUp_SignUp" });
        assert.equal(refused!.outcome, "threw");
        assert.equal(refused!.error, "Sign-ups of blocked are closed");
      });

      test("PreSignUp_AdminCreateUser runs for invitations (no client) and may verify the email", async () => {
        const { poolId } = await poolWithClient({ PreSignUp: fn("pre-sign-up") });
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "cy",
            UserAttributes: [{ Name: "email", Value: "cy@example.com" }],
            MessageAction: "SUPPRESS",
            ClientMetadata: { by: "admin" },
          }),
        );
        const [created] = await invocations(cognate, { poolId, trigger: "PreSignUp_AdminCreateUser" });
        assert.equal(created!.event.callerContext.clientId, "CLIENT_ID_NOT_APPLICABLE");
        assert.deepEqual((created!.event.request as { clientMetadata: unknown }).clientMetadata, { by: "admin" });
        const invited = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "cy" }));
        assert.equal(invited.UserStatus, "FORCE_CHANGE_PASSWORD");
        assert.equal(invited.UserAttributes!.find((attribute) => attribute.Name === "email_verified")?.Value, "true");
      });

      test("AdminConfirmSignUp runs PostConfirmation; its failure is answered and the user stays confirmed", async () => {
        const { poolId, clientId } = await poolWithClient({ PostConfirmation: fn("post-confirmation") });
        await cognito.send(new SignUpCommand({ ClientId: clientId, Username: "eve", Password: PASSWORD }));
        await rejectsWith(
          cognito.send(
            new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: "eve", ClientMetadata: { behaviour: "throw", message: "CRM down" } }),
          ),
          UserLambdaValidationException,
          "PostConfirmation failed with error CRM down.",
        );
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "eve" }))).UserStatus, "CONFIRMED");
      });

      test("an unusable answer is InvalidLambdaResponseException; a missing function and a timeout are UnexpectedLambdaException", async () => {
        const { clientId } = await poolWithClient({ PreSignUp: fn("pre-sign-up") });
        await rejectsWith(
          cognito.send(new SignUpCommand({ ClientId: clientId, Username: "g1", Password: PASSWORD, ClientMetadata: { behaviour: "garbage" } })),
          InvalidLambdaResponseException,
          "Unrecognizable lambda output",
        );
        const missing = await poolWithClient({ PreSignUp: fn("no-such-function") });
        await rejectsWith(
          cognito.send(new SignUpCommand({ ClientId: missing.clientId, Username: "g2", Password: PASSWORD })),
          UnexpectedLambdaException,
          "PreSignUp invocation failed due to error ResourceNotFoundException.",
        );
        const started = Date.now();
        await rejectsWith(
          cognito.send(new SignUpCommand({ ClientId: clientId, Username: "g3", Password: PASSWORD, ClientMetadata: { behaviour: "hang" } })),
          UnexpectedLambdaException,
          "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.",
        );
        assert.ok(Date.now() - started >= 4900);
      });
    });
  }
}
