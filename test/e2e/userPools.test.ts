import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  FeatureUnavailableInTierException,
  InvalidParameterException,
  ListUserPoolsCommand,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
  type SchemaAttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

/** The standard attributes DescribeUserPool reports for a pool created through the API (AWS CLI examples). */
const STANDARD_SCHEMA: SchemaAttributeType[] = [
  text("sub", { Mutable: false, Required: true }, "1"),
  text("name"),
  text("given_name"),
  text("family_name"),
  text("middle_name"),
  text("nickname"),
  text("preferred_username"),
  text("profile"),
  text("picture"),
  text("website"),
  text("email"),
  flag("email_verified"),
  text("gender"),
  { ...text("birthdate"), StringAttributeConstraints: { MinLength: "10", MaxLength: "10" } },
  text("zoneinfo"),
  text("locale"),
  text("phone_number"),
  flag("phone_number_verified"),
  text("address"),
  {
    Name: "updated_at",
    AttributeDataType: "Number",
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: "0" },
  },
];

function text(Name: string, overrides: Partial<SchemaAttributeType> = {}, minLength = "0"): SchemaAttributeType {
  return {
    Name,
    AttributeDataType: "String",
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    StringAttributeConstraints: { MinLength: minLength, MaxLength: "2048" },
    ...overrides,
  };
}

function flag(Name: string): SchemaAttributeType {
  return { Name, AttributeDataType: "Boolean", DeveloperOnlyAttribute: false, Mutable: true, Required: false };
}


for (const backend of backends) {
  describe(`user pools through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    test("CreateUserPool returns a region-prefixed id, the account's ARN and Cognito's default password policy", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "first" }));
      assert.match(UserPool!.Id!, /^us-east-1_[A-Za-z0-9]{9}$/);
      assert.equal(UserPool!.Name, "first");
      assert.equal(UserPool!.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${UserPool!.Id}`);
      assert.deepEqual(UserPool!.Policies?.PasswordPolicy, {
        MinimumLength: 8,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 7,
      });
      assert.ok(UserPool!.CreationDate instanceof Date);
      assert.ok(Math.abs(UserPool!.CreationDate.getTime() - Date.now()) < 60_000, "dates are epoch seconds on the wire");
    });

    test("a pool created with only a name reports every one of Cognito's defaults, and DescribeUserPool the same", async () => {
      const { UserPool: created } = await cognito.send(new CreateUserPoolCommand({ PoolName: "defaults" }));
      const { Id, Arn, CreationDate, LastModifiedDate, ...settings } = created!;
      assert.deepEqual(settings, {
        Name: "defaults",
        Policies: {
          PasswordPolicy: {
            MinimumLength: 8,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 7,
          },
          SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] },
        },
        DeletionProtection: "INACTIVE",
        LambdaConfig: {},
        SchemaAttributes: STANDARD_SCHEMA,
        VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_CODE" },
        MfaConfiguration: "OFF",
        EstimatedNumberOfUsers: 0,
        EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT" },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
        UserPoolTags: {},
        UserPoolTier: "ESSENTIALS",
      });
      assert.equal(LastModifiedDate?.getTime(), CreationDate?.getTime());
      const { UserPool: described } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: Id }));
      assert.deepEqual(described, created);
      assert.equal(described!.Arn, Arn);
    });

    test("DescribeUserPool returns what CreateUserPool stored", async () => {
      const { UserPool: created } = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: "described",
          Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } },
          DeletionProtection: "INACTIVE",
        }),
      );
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: created!.Id }));
      assert.equal(UserPool!.Id, created!.Id);
      assert.equal(UserPool!.Name, "described");
      assert.equal(UserPool!.Policies?.PasswordPolicy?.MinimumLength, 12);
      assert.equal(UserPool!.Policies?.PasswordPolicy?.RequireSymbols, false);
      // A class the given policy leaves out is not required (the AWS SDK for Go, Terraform's, omits false).
      assert.equal(UserPool!.Policies?.PasswordPolicy?.RequireUppercase, false);
      assert.equal(UserPool!.CreationDate?.getTime(), created!.CreationDate?.getTime());
    });

    test("the given settings are kept and reported as given", async () => {
      const settings = {
        AutoVerifiedAttributes: ["email" as const],
        UsernameAttributes: ["email" as const],
        UsernameConfiguration: { CaseSensitive: false },
        LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:000000000000:function:pre-sign-up" },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email" as const, Priority: 1 }] },
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email" as const] },
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
        UserPoolTags: { team: "identity" },
        DeletionProtection: "ACTIVE" as const,
        SmsAuthenticationMessage: "Your code is {####}",
      };
      const { UserPool: created } = await cognito.send(new CreateUserPoolCommand({ PoolName: "configured", ...settings }));
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: created!.Id }));
      for (const [name, value] of Object.entries(settings)) {
        assert.deepEqual(UserPool![name as keyof typeof UserPool], value, name);
      }
    });

    test("the temporary-password validity: 0 means the default 7 days, and the legacy invitation validity mirrors it", async () => {
      const { UserPool: zero } = await cognito.send(
        new CreateUserPoolCommand({ PoolName: "zero-days", Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 0 } } }),
      );
      assert.equal(zero!.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays, 7);
      const { UserPool: three } = await cognito.send(
        new CreateUserPoolCommand({ PoolName: "three-days", Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 3 } } }),
      );
      assert.equal(three!.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays, 3);
      assert.deepEqual(three!.AdminCreateUserConfig, { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 3 });
      const { UserPool: legacy } = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: "legacy-days",
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 5 },
        }),
      );
      assert.equal(legacy!.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays, 5);
      assert.deepEqual(legacy!.AdminCreateUserConfig, { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 5 });
    });

    test("a password history is reported when above 0 and left out when 0", async () => {
      const { UserPool: remembering } = await cognito.send(
        new CreateUserPoolCommand({ PoolName: "history", Policies: { PasswordPolicy: { PasswordHistorySize: 5 } } }),
      );
      assert.equal(remembering!.Policies?.PasswordPolicy?.PasswordHistorySize, 5);
      const { UserPool: forgetting } = await cognito.send(
        new CreateUserPoolCommand({ PoolName: "no-history", Policies: { PasswordPolicy: { PasswordHistorySize: 0 } } }),
      );
      assert.ok(!("PasswordHistorySize" in forgetting!.Policies!.PasswordPolicy!));
    });

    test("the legacy verification messages and the verification template report each other's values", async () => {
      const { UserPool } = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: "messages",
          SmsVerificationMessage: "Code: {####}",
          VerificationMessageTemplate: { EmailSubject: "Verify", EmailMessage: "Your code is {####}" },
        }),
      );
      assert.deepEqual(UserPool!.VerificationMessageTemplate, {
        SmsMessage: "Code: {####}",
        EmailMessage: "Your code is {####}",
        EmailSubject: "Verify",
        DefaultEmailOption: "CONFIRM_WITH_CODE",
      });
      assert.equal(UserPool!.SmsVerificationMessage, "Code: {####}");
      assert.equal(UserPool!.EmailVerificationMessage, "Your code is {####}");
      assert.equal(UserPool!.EmailVerificationSubject, "Verify");
    });

    test("MFA set ON or OPTIONAL at creation needs an SMS configuration and phone numbers verified automatically", async () => {
      const region = "eu-central-1";
      const regional = cognate.client({ region });
      for (const MfaConfiguration of ["ON", "OPTIONAL"] as const) {
        await rejectsWith(
          regional.send(new CreateUserPoolCommand({ PoolName: "mfa", MfaConfiguration })),
          InvalidParameterException,
          "SMS configuration and Auto verification for phone_number are required when MFA is required/optional",
        );
        await rejectsWith(
          regional.send(
            new CreateUserPoolCommand({
              PoolName: "mfa",
              MfaConfiguration,
              SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sms" },
            }),
          ),
          InvalidParameterException,
          "SMS configuration and Auto verification for phone_number are required when MFA is required/optional",
        );
      }
      const { UserPools } = await regional.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.deepEqual(UserPools, [], "a refused pool is not created");
      const { UserPool } = await regional.send(
        new CreateUserPoolCommand({
          PoolName: "mfa",
          MfaConfiguration: "ON",
          AutoVerifiedAttributes: ["phone_number"],
          SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sms", ExternalId: "cognate" },
        }),
      );
      assert.equal(UserPool!.MfaConfiguration, "ON");
      assert.deepEqual(UserPool!.SmsConfiguration, { SnsCallerArn: "arn:aws:iam::000000000000:role/sms", ExternalId: "cognate" });
    });

    test("username attributes and alias attributes cannot both be set", async () => {
      await rejectsWith(
        cognito.send(
          new CreateUserPoolCommand({ PoolName: "both", UsernameAttributes: ["email"], AliasAttributes: ["preferred_username"] }),
        ),
        InvalidParameterException,
        "Only one of aliasAttributes or usernameAttributes can be set in a user pool.",
      );
      const { UserPool } = await cognito.send(
        new CreateUserPoolCommand({ PoolName: "aliases", AliasAttributes: ["email", "preferred_username"] }),
      );
      assert.deepEqual(UserPool!.AliasAttributes, ["email", "preferred_username"]);
      assert.equal(UserPool!.UsernameAttributes, undefined);
    });

    test("the tier defaults to ESSENTIALS; LITE refuses a password history and only PLUS allows threat protection", async () => {
      const { UserPool: lite } = await cognito.send(new CreateUserPoolCommand({ PoolName: "lite", UserPoolTier: "LITE" }));
      assert.equal(lite!.UserPoolTier, "LITE");
      await rejectsWith(
        cognito.send(
          new CreateUserPoolCommand({
            PoolName: "lite-history",
            UserPoolTier: "LITE",
            Policies: { PasswordPolicy: { PasswordHistorySize: 3 } },
          }),
        ),
        InvalidParameterException,
        "Password history is not available in the LITE tier: use the ESSENTIALS or PLUS tier.",
      );
      await rejectsWith(
        cognito.send(new CreateUserPoolCommand({ PoolName: "protected", UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } })),
        FeatureUnavailableInTierException,
        "The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection",
      );
      const { UserPool: plus } = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: "protected",
          UserPoolTier: "PLUS",
          UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
        }),
      );
      assert.equal(plus!.UserPoolTier, "PLUS");
      assert.deepEqual(plus!.UserPoolAddOns, { AdvancedSecurityMode: "AUDIT" });
    });

    test("JSON nulls count as absent members and members the model does not know are not kept", async () => {
      const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
      const response = await fetch(`${cognate.url}/`, {
        method: "POST",
        headers: {
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": "AWSCognitoIdentityProviderService.CreateUserPool",
          "x-amz-date": amzDate,
          authorization: `AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTEST/${amzDate.slice(0, 8)}/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
        },
        body: JSON.stringify({
          PoolName: "raw",
          LambdaConfig: null,
          MfaConfiguration: null,
          Policies: { PasswordPolicy: { MinimumLength: null, RequireSymbols: false } },
          NotAMember: "dropped",
        }),
      });
      assert.equal(response.status, 200);
      const { UserPool } = (await response.json()) as { UserPool: Record<string, unknown> };
      const { UserPool: described } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool.Id as string }));
      assert.deepEqual(described!.LambdaConfig, {});
      assert.equal(described!.MfaConfiguration, "OFF");
      assert.equal(described!.Policies?.PasswordPolicy?.MinimumLength, 8);
      assert.equal(described!.Policies?.PasswordPolicy?.RequireSymbols, false);
      assert.ok(!("NotAMember" in UserPool) && !("NotAMember" in described!));
    });

    test("DescribeUserPool estimates the number of users from the users the pool holds", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "populated" }));
      for (const Username of ["ada", "grace"]) {
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: UserPool!.Id, Username, MessageAction: "SUPPRESS" }));
      }
      const { UserPool: described } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
      assert.equal(described!.EstimatedNumberOfUsers, 2);
    });

    test("ListUserPools pages through every pool once with MaxResults and NextToken", async () => {
      const region = "ap-southeast-2";
      const regional = cognate.client({ region });
      const created = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const { UserPool } = await regional.send(new CreateUserPoolCommand({ PoolName: `paged-${i}` }));
        created.add(UserPool!.Id!);
      }
      const seen: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await regional.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken }));
        assert.ok(page.UserPools!.length <= 2);
        seen.push(...page.UserPools!.map((pool) => pool.Id!));
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      assert.deepEqual(new Set(seen), created);
      assert.equal(seen.length, 5);
    });

    test("ListUserPools describes each pool by id, name, Lambda triggers and dates only", async () => {
      const regional = cognate.client({ region: "ca-central-1" });
      const LambdaConfig = { PostConfirmation: "arn:aws:lambda:ca-central-1:000000000000:function:welcome" };
      const { UserPool } = await regional.send(new CreateUserPoolCommand({ PoolName: "listed", LambdaConfig }));
      const { UserPools } = await regional.send(new ListUserPoolsCommand({ MaxResults: 10 }));
      assert.deepEqual(UserPools, [
        { Id: UserPool!.Id, Name: "listed", LambdaConfig, LastModifiedDate: UserPool!.LastModifiedDate, CreationDate: UserPool!.CreationDate },
      ]);
    });

    test("ListUserPools refuses a NextToken it did not issue, or issued for another region", async () => {
      await rejectsWith(
        cognito.send(new ListUserPoolsCommand({ MaxResults: 10, NextToken: "bm90LWEtdG9rZW4" })),
        InvalidParameterException,
        "Invalid NextToken.",
      );
      const asia = cognate.client({ region: "ap-south-1" });
      for (let i = 0; i < 2; i++) await asia.send(new CreateUserPoolCommand({ PoolName: `asia-${i}` }));
      const { NextToken } = await asia.send(new ListUserPoolsCommand({ MaxResults: 1 }));
      assert.ok(NextToken !== undefined);
      await rejectsWith(
        cognito.send(new ListUserPoolsCommand({ MaxResults: 10, NextToken })),
        InvalidParameterException,
        "Invalid NextToken.",
      );
    });

    test("a pool is invisible to requests signed for another region", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "us-only" }));
      const europe = cognate.client({ region: "eu-west-1" });
      await rejectsWith(
        europe.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id })),
        ResourceNotFoundException,
        `User pool ${UserPool!.Id} does not exist.`,
      );
      await rejectsWith(
        europe.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id })),
        ResourceNotFoundException,
        `User pool ${UserPool!.Id} does not exist.`,
      );
      const { UserPools } = await europe.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.ok(!UserPools!.some((pool) => pool.Id === UserPool!.Id));
      const { UserPool: european } = await europe.send(new CreateUserPoolCommand({ PoolName: "eu" }));
      assert.match(european!.Id!, /^eu-west-1_/);
    });

    test("DeleteUserPool removes the pool; describing it then fails ResourceNotFoundException", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "doomed" }));
      await cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id }));
      const gone = `User pool ${UserPool!.Id} does not exist.`;
      await rejectsWith(cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id })), ResourceNotFoundException, gone);
      await rejectsWith(cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id })), ResourceNotFoundException, gone);
    });

    test("a pool with deletion protection active cannot be deleted", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "kept", DeletionProtection: "ACTIVE" }));
      await rejectsWith(
        cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id })),
        InvalidParameterException,
        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
      );
      const { UserPool: still } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
      assert.equal(still!.Id, UserPool!.Id);
    });

    test("model validation rejects bad input before any handler runs, in AWS's wording", async () => {
      await rejectsWith(
        cognito.send(new DescribeUserPoolCommand({ UserPoolId: "not a pool id" })),
        InvalidParameterException,
        "1 validation error detected: Value 'not a pool id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
      );
      await rejectsWith(
        cognito.send(new ListUserPoolsCommand({ MaxResults: 61 })),
        InvalidParameterException,
        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
      );
    });
  });
}
