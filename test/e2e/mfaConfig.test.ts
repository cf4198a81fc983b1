import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  FeatureUnavailableInTierException,
  GetUserPoolMfaConfigCommand,
  InvalidParameterException,
  ResourceNotFoundException,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

const SMS_CONFIGURATION = { SnsCallerArn: "arn:aws:iam::000000000000:role/sns", ExternalId: "cognate", SnsRegion: "us-east-1" };

for (const backend of backends) {
  describe(`SetUserPoolMfaConfig and GetUserPoolMfaConfig through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function createPool(input: Partial<CreateUserPoolCommandInput> = {}): Promise<string> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "mfa", ...input }));
      return UserPool!.Id!;
    }

    async function mfaConfig(UserPoolId: string) {
      const { $metadata: _metadata, ...config } = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId }));
      return config;
    }

    test("a fresh pool reports MFA off and no factor", async () => {
      const UserPoolId = await createPool();
      assert.deepEqual(await mfaConfig(UserPoolId), { MfaConfiguration: "OFF" });
    });

    test("a pool created with SMS MFA reports its SMS configuration", async () => {
      const UserPoolId = await createPool({
        MfaConfiguration: "OPTIONAL",
        SmsConfiguration: SMS_CONFIGURATION,
        AutoVerifiedAttributes: ["phone_number"],
        SmsAuthenticationMessage: "Your code is {####}",
      });
      assert.deepEqual(await mfaConfig(UserPoolId), {
        MfaConfiguration: "OPTIONAL",
        SmsMfaConfiguration: { SmsAuthenticationMessage: "Your code is {####}", SmsConfiguration: SMS_CONFIGURATION },
      });
    });

    test("TOTP required: the answer and later reads agree, and DescribeUserPool reports the mode", async () => {
      const UserPoolId = await createPool();
      const { $metadata: _metadata, ...answer } = await cognito.send(
        new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true } }),
      );
      const expected = { MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true } };
      assert.deepEqual(answer, expected);
      assert.deepEqual(await mfaConfig(UserPoolId), expected);
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
      assert.equal(UserPool?.MfaConfiguration, "ON");
      assert.equal("MfaFactors" in UserPool!, false);
    });

    test("every factor together, with passkey settings defaulted; a later request replaces the factors", async () => {
      const UserPoolId = await createPool();
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId,
          MfaConfiguration: "OPTIONAL",
          SmsMfaConfiguration: { SmsAuthenticationMessage: "Code {####}", SmsConfiguration: SMS_CONFIGURATION },
          SoftwareTokenMfaConfiguration: { Enabled: true },
          EmailMfaConfiguration: { Message: "Your code: {####}", Subject: "Sign-in code" },
          WebAuthnConfiguration: { RelyingPartyId: "auth.example.com" },
        }),
      );
      assert.deepEqual(await mfaConfig(UserPoolId), {
        MfaConfiguration: "OPTIONAL",
        SmsMfaConfiguration: { SmsAuthenticationMessage: "Code {####}", SmsConfiguration: SMS_CONFIGURATION },
        SoftwareTokenMfaConfiguration: { Enabled: true },
        EmailMfaConfiguration: { Message: "Your code: {####}", Subject: "Sign-in code" },
        WebAuthnConfiguration: { RelyingPartyId: "auth.example.com", UserVerification: "preferred" },
      });
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
      assert.equal(UserPool?.SmsAuthenticationMessage, "Code {####}");
      assert.deepEqual(UserPool?.SmsConfiguration, SMS_CONFIGURATION);

      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, SoftwareTokenMfaConfiguration: { Enabled: true } }));
      assert.deepEqual(await mfaConfig(UserPoolId), {
        MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: { Enabled: true },
        WebAuthnConfiguration: { RelyingPartyId: "auth.example.com", UserVerification: "preferred" },
      });

      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "OFF" }));
      assert.deepEqual(await mfaConfig(UserPoolId), {
        MfaConfiguration: "OFF",
        WebAuthnConfiguration: { RelyingPartyId: "auth.example.com", UserVerification: "preferred" },
      });
    });

    test("UpdateUserPool's MFA mode is what GetUserPoolMfaConfig reports", async () => {
      const UserPoolId = await createPool();
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true } }));
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId, MfaConfiguration: "OPTIONAL" }));
      assert.deepEqual(await mfaConfig(UserPoolId), { MfaConfiguration: "OPTIONAL", SoftwareTokenMfaConfiguration: { Enabled: true } });
    });

    test("Cognito's refusals change nothing", async () => {
      const UserPoolId = await createPool();
      await rejectsWith(
        cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "OFF", SoftwareTokenMfaConfiguration: { Enabled: true } })),
        InvalidParameterException,
        "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
      );
      await rejectsWith(
        cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "OFF", EmailMfaConfiguration: { Message: "{####}" } })),
        InvalidParameterException,
        "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
      );
      await rejectsWith(
        cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "OPTIONAL", WebAuthnConfiguration: { RelyingPartyId: "example.com" } })),
        InvalidParameterException,
        "Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.",
      );
      await rejectsWith(
        cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: false } })),
        InvalidParameterException,
        "Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.",
      );
      const lite = await createPool({ UserPoolTier: "LITE" });
      await rejectsWith(
        cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: lite, MfaConfiguration: "ON", EmailMfaConfiguration: { Message: "{####}" } })),
        FeatureUnavailableInTierException,
        "The following features need to be disabled for the LITE pricing tier configured: Email MFA",
      );
      await rejectsWith(
        cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "ON", EmailMfaConfiguration: { Message: "no placeholder" } })),
        InvalidParameterException,
        "1 validation error detected: Value 'no placeholder' at 'emailMfaConfiguration.message' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*",
      );
      assert.deepEqual(await mfaConfig(UserPoolId), { MfaConfiguration: "OFF" });
      assert.deepEqual(await mfaConfig(lite), { MfaConfiguration: "OFF" });
      await rejectsWith(
        cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: "us-east-1_missing00" })),
        ResourceNotFoundException,
        "User pool us-east-1_missing00 does not exist.",
      );
    });
  });
}
