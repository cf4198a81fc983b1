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
  AdminAddUserToGroupCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
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
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { TriggerInvocation } from "../../src/app.js";
import { AuthenticationDetails } from "amazon-cognito-identity-js";
import { cognitoJsPool, cognitoJsUser } from "../helpers/realClients.js";

/** Function name → the export of test/helpers/triggerHandlers.ts that runs it. */
const FUNCTIONS: Record<string, keyof typeof handlers> = {
  "pre-sign-up": "preSignUp",
  "post-confirmation": "postConfirmation",
  "pre-authentication": "preAuthentication",
  "post-authentication": "postAuthentication",
  "pre-token-v1": "preTokenGenerationV1",
  "pre-token-v2": "preTokenGenerationV2",
  "custom-message": "customMessage",
  migration: "userMigration",
  define: "defineAuthChallenge",
  create: "createAuthChallenge",
  verify: "verifyAuthChallengeResponse",
};
const HANDLERS_MODULE = fileURLToPath(new URL("../helpers/triggerHandlers.ts", import.meta.url));
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const PASSWORD = "Correct-Horse1";

function claimsOf(jwt: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt!.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

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

      /** A confirmed user with a password and an email, in a group. */
      async function member(poolId: string, username: string): Promise<void> {
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: username,
            MessageAction: "SUPPRESS",
            UserAttributes: [{ Name: "email", Value: `${username}@elsewhere.org` }],
          }),
        );
        await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
        await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "staff" })).catch(() => undefined);
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: "staff" }));
      }

      test("a password sign-in runs PreAuthentication (ClientMetadata as validationData), PostAuthentication and token generation V1", async () => {
        const { poolId, clientId } = await poolWithClient({
          PreAuthentication: fn("pre-authentication"),
          PostAuthentication: fn("post-authentication"),
          PreTokenGeneration: fn("pre-token-v1"),
        });
        await member(poolId, "fay");
        const { AuthenticationResult } = await cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "fay", PASSWORD },
            ClientMetadata: { device: "kiosk" },
          }),
        );
        const id = claimsOf(AuthenticationResult!.IdToken);
        assert.equal(id.tenant, "acme");
        assert.equal(id["cognito:username_hint"], "fay");
        assert.equal(id.email, undefined);
        assert.deepEqual(id["cognito:groups"], ["from-trigger"]);
        const access = claimsOf(AuthenticationResult!.AccessToken);
        assert.equal(access.tenant, undefined);
        assert.deepEqual(access["cognito:groups"], ["from-trigger"]);

        const sources = (await invocations(cognate, { poolId })).map((invocation) => invocation.event.triggerSource);
        assert.deepEqual(sources, ["PreAuthentication_Authentication", "PostAuthentication_Authentication", "TokenGeneration_Authentication"]);
        const [pre] = await invocations(cognate, { poolId, trigger: "PreAuthentication" });
        const preRequest = pre!.event.request as { userAttributes: Record<string, string>; validationData: unknown };
        assert.equal(preRequest.userAttributes.email, "fay@elsewhere.org");
        assert.deepEqual(preRequest.validationData, { device: "kiosk" });
        const [post] = await invocations(cognate, { poolId, trigger: "PostAuthentication" });
        assert.deepEqual((post!.event.request as { clientMetadata: unknown }).clientMetadata, { device: "kiosk" });
        assert.equal((post!.event.request as { newDeviceUsed: unknown }).newDeviceUsed, false);
        const [tokens] = await invocations(cognate, { poolId, trigger: "PreTokenGeneration" });
        assert.equal(tokens!.event.version, "1");
        assert.deepEqual((tokens!.event.request as { groupConfiguration: unknown }).groupConfiguration, { groupsToOverride: ["staff"], iamRolesToOverride: [] });
        assert.deepEqual(tokens!.event.response, { claimsOverrideDetails: null });

        await cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! } }),
        );
        const refreshed = await invocations(cognate, { poolId, trigger: "TokenGeneration_RefreshTokens" });
        assert.equal(refreshed.length, 1);
      });

      test("a PreAuthentication function that throws refuses the sign-in before the password counts", async () => {
        const { poolId, clientId } = await poolWithClient({ PreAuthentication: fn("pre-authentication") });
        await member(poolId, "gil");
        await rejectsWith(
          cognito.send(
            new AdminInitiateAuthCommand({
              UserPoolId: poolId,
              ClientId: clientId,
              AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: "gil", PASSWORD },
              ClientMetadata: { behaviour: "throw", message: "Outside office hours" },
            }),
          ),
          UserLambdaValidationException,
          "PreAuthentication failed with error Outside office hours.",
        );
      });

      test("pre token generation V2 sets claims of both tokens and the scopes, verified with aws-jwt-verify", async () => {
        const { poolId, clientId } = await poolWithClient({
          PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: fn("pre-token-v2") },
        });
        await member(poolId, "hal");
        const { AuthenticationResult } = await cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "hal", PASSWORD } }),
        );
        const issuer = `${cognate.url}/${poolId}`;
        const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } });
        const jwksUri = `${issuer}/.well-known/jwks.json`;
        const id = await JwtVerifier.create({ issuer, audience: clientId, jwksUri }, { jwksCache }).verify(AuthenticationResult!.IdToken!);
        assert.equal(id.tenant, "acme");
        assert.deepEqual(id.roles, ["admin", "billing"]);
        assert.equal(id.email, undefined);
        assert.deepEqual(id["cognito:groups"], ["v2-group"]);
        const access = await JwtVerifier.create({ issuer, audience: null, jwksUri }, { jwksCache }).verify(AuthenticationResult!.AccessToken!);
        assert.equal(access.tenant, "acme");
        assert.deepEqual(access.entitlements, { plan: "pro" });
        assert.equal(access.scope, "orders/read");
        assert.equal(access.client_id, clientId);
        const [generation] = await invocations(cognate, { poolId, trigger: "PreTokenGeneration" });
        assert.equal(generation!.event.version, "2");
        assert.deepEqual((generation!.event.request as { scopes: unknown }).scopes, ["aws.cognito.signin.user.admin"]);
      });

      const CUSTOM = { DefineAuthChallenge: fn("define"), CreateAuthChallenge: fn("create"), VerifyAuthChallengeResponse: fn("verify") };

      test("CUSTOM_AUTH: PreAuthentication, then Define, Create and Verify in turn; a wrong answer is asked again, the right one gets tokens", async () => {
        const { poolId } = await poolWithClient({ ...CUSTOM, PreAuthentication: fn("pre-authentication") });
        await member(poolId, "ivy");
        const custom = (await cognito.send(
          new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "custom", ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
        )).UserPoolClient!.ClientId!;
        const started = await cognito.send(
          new InitiateAuthCommand({ ClientId: custom, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "ivy" } }),
        );
        assert.equal(started.ChallengeName, "CUSTOM_CHALLENGE");
        assert.deepEqual(started.ChallengeParameters, { question: "What is the secret word?", attempt: "1", USERNAME: "ivy" });
        const firstSources = (await invocations(cognate, { poolId })).map((invocation) => invocation.event.triggerSource).slice(0, 2);
        assert.deepEqual(firstSources, ["PreAuthentication_Authentication", "DefineAuthChallenge_Authentication"]);
        const wrong = await cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: custom,
            ChallengeName: "CUSTOM_CHALLENGE",
            Session: started.Session,
            ChallengeResponses: { USERNAME: "ivy", ANSWER: "marlin" },
          }),
        );
        assert.equal(wrong.ChallengeName, "CUSTOM_CHALLENGE");
        assert.equal(wrong.ChallengeParameters!.attempt, "2");
        const right = await cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: custom,
            ChallengeName: "CUSTOM_CHALLENGE",
            Session: wrong.Session,
            ChallengeResponses: { USERNAME: "ivy", ANSWER: "swordfish" },
          }),
        );
        assert.equal(claimsOf(right.AuthenticationResult!.IdToken)["cognito:username"], "ivy");
        const defines = await invocations(cognate, { poolId, trigger: "DefineAuthChallenge" });
        assert.deepEqual(
          (defines.at(-1)!.event.request as { session: unknown }).session,
          [
            { challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "SECRET_WORD" },
            { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "SECRET_WORD" },
          ],
        );
        const [verify] = await invocations(cognate, { poolId, trigger: "VerifyAuthChallengeResponse" });
        assert.equal((verify!.event.request as { challengeAnswer: unknown }).challengeAnswer, "***");
        assert.equal((verify!.event.request as { privateChallengeParameters: unknown }).privateChallengeParameters, "***");
      });

      test("CUSTOM_AUTH fails after three wrong answers; amazon-cognito-identity-js signs in with the trio", async () => {
        const { poolId } = await poolWithClient(CUSTOM);
        await member(poolId, "jo");
        const custom = (await cognito.send(
          new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "custom", ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
        )).UserPoolClient!.ClientId!;
        let step = await cognito.send(new InitiateAuthCommand({ ClientId: custom, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: "jo" } }));
        for (const answer of ["one", "two"]) {
          step = await cognito.send(
            new RespondToAuthChallengeCommand({ ClientId: custom, ChallengeName: "CUSTOM_CHALLENGE", Session: step.Session, ChallengeResponses: { USERNAME: "jo", ANSWER: answer } }),
          );
        }
        await rejectsWith(
          cognito.send(
            new RespondToAuthChallengeCommand({ ClientId: custom, ChallengeName: "CUSTOM_CHALLENGE", Session: step.Session, ChallengeResponses: { USERNAME: "jo", ANSWER: "three" } }),
          ),
          NotAuthorizedException,
          "Incorrect username or password.",
        );

        const user = cognitoJsUser(cognitoJsPool(cognate.url, poolId, custom), "jo");
        user.setAuthenticationFlowType("CUSTOM_AUTH");
        const idToken = await new Promise<string>((resolve, reject) => {
          user.initiateAuth(new AuthenticationDetails({ Username: "jo" }), {
            customChallenge(parameters: Record<string, string>) {
              assert.equal(parameters.question, "What is the secret word?");
              user.sendCustomChallengeAnswer("swordfish", this);
            },
            onSuccess: (session) => resolve(session.getIdToken().getJwtToken()),
            onFailure: reject,
          });
        });
        assert.equal(claimsOf(idToken)["cognito:username"], "jo");
      });

      test("CustomMessage rewrites the subject and body of code messages, the code where {####} stood", async () => {
        const { poolId, clientId } = await poolWithClient({ CustomMessage: fn("custom-message") });
        await cognito.send(
          new SignUpCommand({ ClientId: clientId, Username: "kim", Password: PASSWORD, UserAttributes: [{ Name: "email", Value: "kim@elsewhere.org" }], ClientMetadata: { lang: "en" } }),
        );
        const signUp = await latestCode(cognate, poolId, "kim", "signup");
        assert.equal(signUp.subject, "[CustomMessage_SignUp] your code");
        assert.equal(signUp.body, `Hello kim, the code is ${signUp.code}.`);
        const [event] = await invocations(cognate, { poolId, trigger: "CustomMessage_SignUp" });
        assert.equal((event!.event.request as { codeParameter: unknown }).codeParameter, "{####}");
        assert.deepEqual((event!.event.request as { clientMetadata: unknown }).clientMetadata, { lang: "en" });
        await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "kim", ConfirmationCode: signUp.code }));
        await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "kim" }));
        const reset = await latestCode(cognate, poolId, "kim", "forgot-password");
        assert.equal(reset.subject, "[CustomMessage_ForgotPassword] your code");
        assert.equal(reset.body, `Hello kim, the code is ${reset.code}.`);
      });

      test("UserMigration creates an unknown user at sign-in with the password just typed; a refusal is the function's error", async () => {
        const { poolId, clientId } = await poolWithClient({ UserMigration: fn("migration") });
        const signIn = (USERNAME: string, password: string) =>
          cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD: password } }));
        await rejectsWith(signIn("legacy", "Wrong-Pass1"), UserLambdaValidationException, "UserMigration failed with error Bad password.");
        const { AuthenticationResult } = await signIn("legacy", "Legacy-Pass1");
        assert.equal(claimsOf(AuthenticationResult!.IdToken).email, "legacy@elsewhere.org");
        const migrated = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "legacy" }));
        assert.equal(migrated.UserStatus, "CONFIRMED");
        await signIn("legacy", "Legacy-Pass1");
        const runs = await invocations(cognate, { poolId, trigger: "UserMigration_Authentication" });
        assert.equal(runs.length, 2);
        assert.equal((runs[0]!.event.request as { password: unknown }).password, "***");
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
