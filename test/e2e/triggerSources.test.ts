import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  ResendConfirmationCodeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import { latestCode, outboxOf } from "../helpers/codes.js";
import type { LambdaServer } from "../helpers/lambdaServer.js";
import { Browser, formOf } from "../helpers/formBrowser.js";
import { claimsOf } from "../helpers/signIn.js";
import { AuthenticationDetails, type CognitoUser, type CognitoUserSession } from "amazon-cognito-identity-js";
import { cognitoJsPool, cognitoJsUser } from "../helpers/realClients.js";
import { fn, invocations, RUNNERS, startWithTriggers } from "../helpers/triggerRunners.js";

/*
 * The trigger sources beyond the first ones (test/e2e/triggers.test.ts): every CustomMessage source,
 * UserMigration at ForgotPassword, and pre token generation at the OAuth endpoints, through both runners.
 */

const FUNCTIONS = {
  "custom-message": "customMessage",
  migration: "userMigration",
  "pre-token-v3": "preTokenGenerationV3",
  "pre-token-v2": "preTokenGenerationV2",
  "define-after-password": "defineAuthChallengeAfterPassword",
  create: "createAuthChallenge",
  verify: "verifyAuthChallengeResponse",
  "email-sender": "customEmailSender",
  "sms-sender": "customSmsSender",
} as const;
const KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const PASSWORD = "Correct-Horse1";
const CALLBACK = "https://app.example.com/callback";

for (const backend of backends) {
  for (const runner of RUNNERS) {
    describe(`trigger sources through ${runner} (${backend})`, () => {
      let cognate: RunningCognate;
      let lambda: LambdaServer | undefined;
      let cognito: CognitoIdentityProviderClient;
      before(async () => {
        ({ cognate, lambda } = await startWithTriggers(backend, runner, FUNCTIONS, { COGNATE_SENDER_KEY: randomBytes(32).toString("base64") }));
        cognito = cognate.client();
      });
      after(async () => {
        await cognate.close();
        await lambda?.close();
      });

      async function poolWithClient(
        LambdaConfig: LambdaConfigType,
        client: Partial<CreateUserPoolClientRequest> = {},
        settings: Partial<CreateUserPoolRequest> = {},
      ): Promise<{ poolId: string; clientId: string; secret?: string }> {
        const { UserPool } = await cognito.send(
          new CreateUserPoolCommand({ PoolName: "sources", LambdaConfig, AutoVerifiedAttributes: ["email"], ...settings }),
        );
        const { UserPoolClient } = await cognito.send(
          new CreateUserPoolClientCommand({
            UserPoolId: UserPool!.Id,
            ClientName: "app",
            ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            ...client,
          }),
        );
        return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId!, ...(UserPoolClient!.ClientSecret === undefined ? {} : { secret: UserPoolClient!.ClientSecret }) };
      }

      async function confirmedUser(poolId: string, username: string, attributes: { Name: string; Value: string }[]): Promise<void> {
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS", UserAttributes: attributes }));
        await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
      }

      test("CustomMessage_AdminCreateUser: the invitation shows the name through {username}; lacking a placeholder, the pool's text is sent", async () => {
        const { poolId } = await poolWithClient({ CustomMessage: fn("custom-message") });
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "nia",
            TemporaryPassword: "Temporary-Pass1",
            DesiredDeliveryMediums: ["EMAIL"],
            UserAttributes: [{ Name: "email", Value: "nia@elsewhere.org" }],
            ClientMetadata: { lang: "en" },
          }),
        );
        const [invitation] = await outboxOf(cognate, poolId, "nia");
        assert.equal(invitation!.kind, "invitation");
        assert.equal(invitation!.subject, "[CustomMessage_AdminCreateUser] your code");
        assert.equal(invitation!.body, "Hello nia, the code is Temporary-Pass1. Sign in as nia.");
        const [event] = await invocations(cognate, { poolId, trigger: "CustomMessage_AdminCreateUser" });
        const request = event!.event.request as Record<string, unknown>;
        assert.equal(request.usernameParameter, "{username}");
        assert.equal(request.codeParameter, "{####}");
        assert.deepEqual(request.clientMetadata, { lang: "en" });
        assert.equal(event!.event.callerContext.clientId, "CLIENT_ID_NOT_APPLICABLE");
        assert.equal((request.userAttributes as Record<string, string>)["cognito:user_status"], "FORCE_CHANGE_PASSWORD");

        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "oz",
            TemporaryPassword: "Temporary-Pass1",
            DesiredDeliveryMediums: ["EMAIL"],
            UserAttributes: [{ Name: "email", Value: "oz@elsewhere.org" }],
            ClientMetadata: { behaviour: "no-code" },
          }),
        );
        const [plain] = await outboxOf(cognate, poolId, "oz");
        assert.equal(plain!.subject, "[CustomMessage_AdminCreateUser] your code");
        assert.ok(plain!.body.includes("Temporary-Pass1") && plain!.body.includes("oz"), "the pool's own invitation");
      });

      test("CustomMessage_ResendCode, _UpdateUserAttribute and _VerifyUserAttribute rewrite their messages", async () => {
        const { poolId, clientId } = await poolWithClient({ CustomMessage: fn("custom-message") });
        await cognito.send(
          new SignUpCommand({ ClientId: clientId, Username: "pia", Password: PASSWORD, UserAttributes: [{ Name: "email", Value: "pia@elsewhere.org" }] }),
        );
        await cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: "pia", ClientMetadata: { asked: "again" } }));
        const resent = await latestCode(cognate, poolId, "pia", "resend");
        assert.equal(resent.subject, "[CustomMessage_ResendCode] your code");
        assert.equal(resent.body, `Hello pia, the code is ${resent.code}.`);
        await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "pia", ConfirmationCode: resent.code }));

        const { AuthenticationResult } = await cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "pia", PASSWORD } }),
        );
        const AccessToken = AuthenticationResult!.AccessToken!;
        await cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: "email", Value: "pia@new.example.org" }] }));
        const updated = await latestCode(cognate, poolId, "pia", "verify-attribute");
        assert.equal(updated.subject, "[CustomMessage_UpdateUserAttribute] your code");
        assert.equal(updated.destination, "pia@new.example.org");
        await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: "email" }));
        const verify = await latestCode(cognate, poolId, "pia", "verify-attribute");
        assert.equal(verify.subject, "[CustomMessage_VerifyUserAttribute] your code");
        assert.equal(verify.body, `Hello pia, the code is ${verify.code}.`);
        const sources = (await invocations(cognate, { poolId, trigger: "CustomMessage" })).map((invocation) => invocation.event.triggerSource);
        assert.deepEqual(sources, ["CustomMessage_SignUp", "CustomMessage_ResendCode", "CustomMessage_UpdateUserAttribute", "CustomMessage_VerifyUserAttribute"]);
      });

      test("CustomMessage_Authentication rewrites the SMS of an MFA code", async () => {
        const { poolId, clientId } = await poolWithClient({ CustomMessage: fn("custom-message") });
        await cognito.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId: poolId,
            MfaConfiguration: "OPTIONAL",
            SmsMfaConfiguration: { SmsAuthenticationMessage: "Text code {####}", SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
          }),
        );
        await confirmedUser(poolId, "quin", [
          { Name: "phone_number", Value: "+15550100" },
          { Name: "phone_number_verified", Value: "true" },
        ]);
        await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "quin", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
        const challenge = await cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "quin", PASSWORD }, ClientMetadata: { app: "mobile" } }),
        );
        assert.equal(challenge.ChallengeName, "SMS_MFA");
        const sms = (await outboxOf(cognate, poolId, "quin")).at(-1)!;
        assert.equal(sms.kind, "authentication");
        assert.equal(sms.body, `Code ${sms.code}`);
        const [event] = await invocations(cognate, { poolId, trigger: "CustomMessage_Authentication" });
        assert.equal(event!.event.callerContext.clientId, clientId);
        assert.deepEqual((event!.event.request as { clientMetadata: unknown }).clientMetadata, { app: "mobile" });
      });

      test("a code message whose body lacks {####} is refused as Cognito validates it, and no code is sent", async () => {
        const { poolId, clientId } = await poolWithClient({ CustomMessage: fn("custom-message") });
        await confirmedUser(poolId, "rex", [
          { Name: "email", Value: "rex@elsewhere.org" },
          { Name: "email_verified", Value: "true" },
        ]);
        await rejectsWith(
          cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "rex", ClientMetadata: { behaviour: "no-code" } })),
          InvalidParameterException,
          "1 validation error detected: Value 'Hello rex, the code is (no code).' at 'emailBody' failed to satisfy constraint: Member must satisfy " +
            "regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*",
        );
        assert.deepEqual(await outboxOf(cognate, poolId, "rex"), []);
      });

      test("UserMigration_ForgotPassword brings an unknown user over RESET_REQUIRED and sends the reset code", async () => {
        const { poolId, clientId } = await poolWithClient({ UserMigration: fn("migration") });
        const { CodeDeliveryDetails } = await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "legacy", ClientMetadata: { from: "app" } }));
        assert.equal(CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
        const migrated = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "legacy" }));
        assert.equal(migrated.UserStatus, "RESET_REQUIRED");
        assert.equal(migrated.UserAttributes!.find((attribute) => attribute.Name === "email")?.Value, "legacy@elsewhere.org");
        const [event] = await invocations(cognate, { poolId, trigger: "UserMigration_ForgotPassword" });
        assert.equal(event!.event.userName, "legacy");
        assert.equal(event!.event.callerContext.clientId, clientId);
        assert.deepEqual(event!.event.request, { clientMetadata: { from: "app" } });

        const { code } = await latestCode(cognate, poolId, "legacy", "forgot-password");
        await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: "legacy", ConfirmationCode: code, Password: PASSWORD }));
        const { AuthenticationResult } = await cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "legacy", PASSWORD } }),
        );
        assert.equal(claimsOf(AuthenticationResult!.IdToken).email, "legacy@elsewhere.org");

        // A name the old system does not know either is as unknown as before.
        await assert.rejects(cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "stranger" })), { name: "UserNotFoundException" });
      });

      async function tokenRequest(fields: Record<string, string>, basic?: { id: string; secret: string }): Promise<{ status: number; body: Record<string, string> }> {
        const response = await fetch(`${cognate.url}/oauth2/token`, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            ...(basic === undefined ? {} : { authorization: `Basic ${Buffer.from(`${basic.id}:${basic.secret}`).toString("base64")}` }),
          },
          body: new URLSearchParams(fields).toString(),
        });
        return { status: response.status, body: (await response.json()) as Record<string, string> };
      }

      test("TokenGeneration_HostedAuth for the code exchange of a managed login, TokenGeneration_RefreshTokens at /oauth2/token", async () => {
        const { poolId, clientId } = await poolWithClient(
          { PreTokenGenerationConfig: { LambdaVersion: "V3_0", LambdaArn: fn("pre-token-v3") } },
          { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code"], AllowedOAuthScopes: ["openid", "email"], CallbackURLs: [CALLBACK] },
        );
        await confirmedUser(poolId, "sam", [{ Name: "email", Value: "sam@elsewhere.org" }]);
        const browser = new Browser(cognate.url);
        const authorize = await browser.get(`/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email" })}`);
        const login = await browser.get(authorize.headers.get("location")!);
        const { action, csrf } = formOf(await login.text());
        const signedIn = await browser.post(action, { _csrf: csrf, username: "sam", password: PASSWORD });
        const code = new URL(signedIn.headers.get("location")!).searchParams.get("code")!;
        const exchanged = await tokenRequest({ grant_type: "authorization_code", client_id: clientId, redirect_uri: CALLBACK, code });
        assert.equal(exchanged.status, 200);
        assert.equal(claimsOf(exchanged.body.access_token).source, "TokenGeneration_HostedAuth");
        const [hosted] = await invocations(cognate, { poolId, trigger: "TokenGeneration_HostedAuth" });
        assert.equal(hosted!.event.version, "3");
        assert.deepEqual((hosted!.event.request as { scopes: unknown }).scopes, ["openid", "email"]);

        const refreshed = await tokenRequest({ grant_type: "refresh_token", client_id: clientId, refresh_token: exchanged.body.refresh_token! });
        assert.equal(refreshed.status, 200);
        assert.equal(claimsOf(refreshed.body.access_token).source, "TokenGeneration_RefreshTokens");
      });

      test("TokenGeneration_ClientCredentials runs a V3_0 function for machine tokens (not V2_0), with aws_client_metadata", async () => {
        const machineClient: Partial<CreateUserPoolClientRequest> = {
          GenerateSecret: true,
          ExplicitAuthFlows: undefined,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["orders/read"],
        };
        const v3 = await poolWithClient({ PreTokenGenerationConfig: { LambdaVersion: "V3_0", LambdaArn: fn("pre-token-v3") } }, {});
        await cognito.send(
          new CreateResourceServerCommand({
            UserPoolId: v3.poolId,
            Identifier: "orders",
            Name: "Orders",
            Scopes: [
              { ScopeName: "read", ScopeDescription: "Read" },
              { ScopeName: "audit", ScopeDescription: "Audit" },
            ],
          }),
        );
        const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: v3.poolId, ClientName: "machine", ...machineClient }));
        const machine = { id: UserPoolClient!.ClientId!, secret: UserPoolClient!.ClientSecret! };
        const granted = await tokenRequest({ grant_type: "client_credentials", aws_client_metadata: JSON.stringify({ tenant: "acme" }) }, machine);
        assert.equal(granted.status, 200);
        const claims = claimsOf(granted.body.access_token);
        assert.equal(claims.source, "TokenGeneration_ClientCredentials");
        assert.equal(claims.tenant, "acme");
        assert.equal(claims.scope, "orders/read orders/audit");
        assert.equal(claims.sub, machine.id);
        const [event] = await invocations(cognate, { poolId: v3.poolId, trigger: "TokenGeneration_ClientCredentials" });
        assert.equal(event!.event.version, "3");
        assert.equal(event!.event.userName, undefined);
        assert.equal(event!.event.callerContext.clientId, machine.id);
        assert.deepEqual(event!.event.request, {
          userAttributes: {},
          groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
          scopes: ["orders/read"],
          clientMetadata: { tenant: "acme" },
        });
        const garbled = await tokenRequest({ grant_type: "client_credentials", aws_client_metadata: "{not json" }, machine);
        assert.deepEqual(garbled, { status: 400, body: { error: "invalid_request" } });

        const v2 = await poolWithClient({ PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: fn("pre-token-v2") } }, {});
        await cognito.send(new CreateResourceServerCommand({ UserPoolId: v2.poolId, Identifier: "orders", Name: "Orders", Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }] }));
        const other = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: v2.poolId, ClientName: "machine", ...machineClient }))).UserPoolClient!;
        const plain = await tokenRequest({ grant_type: "client_credentials" }, { id: other.ClientId!, secret: other.ClientSecret! });
        assert.equal(plain.status, 200);
        assert.equal(claimsOf(plain.body.access_token).tenant, undefined);
        assert.deepEqual(await invocations(cognate, { poolId: v2.poolId }), []);
      });

      test("SRP as the first step of CUSTOM_AUTH: amazon-cognito-identity-js proves the password, then answers the custom challenge", async () => {
        const { poolId, clientId } = await poolWithClient(
          { DefineAuthChallenge: fn("define-after-password"), CreateAuthChallenge: fn("create"), VerifyAuthChallengeResponse: fn("verify") },
          { ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
        );
        await confirmedUser(poolId, "tess", [{ Name: "email", Value: "tess@elsewhere.org" }]);
        const signIn = (password: string) => {
          const user = cognitoJsUser(cognitoJsPool(cognate.url, poolId, clientId), "tess");
          user.setAuthenticationFlowType("CUSTOM_AUTH");
          return new Promise<string>((resolve, reject) => {
            user.authenticateUser(new AuthenticationDetails({ Username: "tess", Password: password }), {
              customChallenge(parameters: Record<string, string>) {
                assert.equal(parameters.question, "What is the secret word?");
                user.sendCustomChallengeAnswer("swordfish", this);
              },
              onSuccess: (session) => resolve(session.getIdToken().getJwtToken()),
              onFailure: reject,
            });
          });
        };
        assert.equal(claimsOf(await signIn(PASSWORD))["cognito:username"], "tess");
        const defines = await invocations(cognate, { poolId, trigger: "DefineAuthChallenge" });
        assert.deepEqual(
          defines.map((invocation) => (invocation.event.request as { session: unknown }).session),
          [
            [{ challengeName: "SRP_A", challengeResult: true }],
            [{ challengeName: "SRP_A", challengeResult: true }, { challengeName: "PASSWORD_VERIFIER", challengeResult: true }],
            [
              { challengeName: "SRP_A", challengeResult: true },
              { challengeName: "PASSWORD_VERIFIER", challengeResult: true },
              { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "SECRET_WORD" },
            ],
          ],
        );
        await assert.rejects(signIn("Wrong-Horse1"), { name: "NotAuthorizedException", message: "Incorrect username or password." });
        assert.equal((await invocations(cognate, { poolId, trigger: "CreateAuthChallenge" })).length, 1);
      });

      test("CustomEmailSender / CustomSMSSender get the code encrypted under the KMSKeyID's key, and send instead of Cognate", async () => {
        const { poolId, clientId } = await poolWithClient({
          CustomEmailSender: { LambdaVersion: "V1_0", LambdaArn: fn("email-sender") },
          CustomSMSSender: { LambdaVersion: "V1_0", LambdaArn: fn("sms-sender") },
          KMSKeyID: KMS_KEY,
          CustomMessage: fn("custom-message"),
        });
        const keyring = await (await fetch(`${cognate.url}/_cognate/sender-key?${new URLSearchParams({ kmsKeyId: KMS_KEY })}`)).text();
        const delivered = () => JSON.parse(readFileSync(outFile, "utf8")) as { triggerSource: string; code: string };
        const outFile = join(mkdtempSync(join(tmpdir(), "cognate-sender-")), "delivered.json");

        await cognito.send(
          new SignUpCommand({
            ClientId: clientId,
            Username: "uma",
            Password: PASSWORD,
            UserAttributes: [{ Name: "email", Value: "uma@elsewhere.org" }],
            ClientMetadata: { keyring, outFile },
          }),
        );
        const [note] = await outboxOf(cognate, poolId, "uma");
        assert.equal(note!.body, `Handed to ${fn("email-sender")} (CustomEmailSender_SignUp) for delivery.`);
        assert.deepEqual(delivered(), { triggerSource: "CustomEmailSender_SignUp", code: note!.code });
        const [event] = await invocations(cognate, { poolId, trigger: "CustomEmailSender" });
        assert.equal(event!.event.version, "1");
        assert.equal(event!.event.callerContext.clientId, clientId);
        const request = event!.event.request as Record<string, unknown>;
        assert.equal(request.type, "customEmailSenderRequestV1");
        assert.equal(request.code, "***");
        assert.equal((request.userAttributes as Record<string, string>).email, "uma@elsewhere.org");
        assert.deepEqual(await invocations(cognate, { poolId, trigger: "CustomMessage" }), []);
        await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: "uma", ConfirmationCode: delivered().code }));

        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "vic",
            TemporaryPassword: "Temporary-Pass1",
            UserAttributes: [{ Name: "phone_number", Value: "+15550123" }],
            ClientMetadata: { keyring, outFile },
          }),
        );
        assert.deepEqual(delivered(), { triggerSource: "CustomSMSSender_AdminCreateUser", code: "Temporary-Pass1" });
        const [sms] = await invocations(cognate, { poolId, trigger: "CustomSMSSender_AdminCreateUser" });
        assert.equal((sms!.event.request as { type: unknown }).type, "customSMSSenderRequestV1");
      });

      test("TokenGeneration_AuthenticateDevice when a remembered device stands in for MFA (amazon-cognito-identity-js)", async () => {
        const { poolId, clientId } = await poolWithClient(
          { PreTokenGenerationConfig: { LambdaVersion: "V3_0", LambdaArn: fn("pre-token-v3") } },
          { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] },
          { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } },
        );
        await cognito.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId: poolId,
            MfaConfiguration: "ON",
            SmsMfaConfiguration: { SmsAuthenticationMessage: "Text code {####}", SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
          }),
        );
        await confirmedUser(poolId, "wes", [
          { Name: "phone_number", Value: "+15550177" },
          { Name: "phone_number_verified", Value: "true" },
        ]);
        await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "wes", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
        const pool = cognitoJsPool(cognate.url, poolId, clientId);
        const signIn = (user: CognitoUser) =>
          new Promise<{ session: CognitoUserSession; mfaAsked: boolean }>((resolve, reject) => {
            let mfaAsked = false;
            const callbacks = {
              onSuccess: (session: CognitoUserSession) => resolve({ session, mfaAsked }),
              onFailure: reject,
              mfaRequired: () => {
                mfaAsked = true;
                outboxOf(cognate, poolId, "wes").then((messages) => user.sendMFACode(messages.at(-1)!.code!, callbacks), reject);
              },
            };
            user.authenticateUser(new AuthenticationDetails({ Username: "wes", Password: PASSWORD }), callbacks);
          });
        const first = cognitoJsUser(pool, "wes");
        assert.equal((await signIn(first)).mfaAsked, true);
        await new Promise<void>((resolve, reject) => first.setDeviceStatusRemembered({ onSuccess: () => resolve(), onFailure: reject }));

        const again = await signIn(cognitoJsUser(pool, "wes"));
        assert.equal(again.mfaAsked, false);
        assert.equal(claimsOf(again.session.getAccessToken().getJwtToken()).source, "TokenGeneration_AuthenticateDevice");
        const sources = (await invocations(cognate, { poolId, trigger: "PreTokenGeneration" })).map((invocation) => invocation.event.triggerSource);
        assert.deepEqual(sources, ["TokenGeneration_Authentication", "TokenGeneration_AuthenticateDevice"]);
      });
    });
  }
}
