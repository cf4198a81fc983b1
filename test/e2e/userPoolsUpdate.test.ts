import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  FeatureUnavailableInTierException,
  InvalidParameterException,
  ResourceNotFoundException,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolCommandInput,
  type UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import type { Clock } from "../../src/domain/clock.js";


for (const backend of backends) {
  describe(`UpdateUserPool through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let now = new Date("2031-06-01T12:00:00Z");
    const clock: Clock = { now: async () => now };
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function createPool(input: Partial<CreateUserPoolCommandInput> = {}): Promise<UserPoolType> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "updated", ...input }));
      return UserPool!;
    }

    async function describePool(UserPoolId: string): Promise<UserPoolType> {
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
      return UserPool!;
    }

    test("settings the request gives replace the old ones, and the modification date is the request's time", async () => {
      const pool = await createPool();
      now = new Date(now.getTime() + 3_600_000);
      const response = await cognito.send(
        new UpdateUserPoolCommand({
          UserPoolId: pool.Id,
          Policies: { PasswordPolicy: { MinimumLength: 16, RequireSymbols: false, PasswordHistorySize: 4 } },
          AutoVerifiedAttributes: ["email"],
          LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:000000000000:function:gate" },
          MfaConfiguration: "OPTIONAL",
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          UserPoolTags: { stage: "test" },
          AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] },
        }),
      );
      assert.equal(response.$metadata.httpStatusCode, 200);
      const updated = await describePool(pool.Id!);
      // The classes the given policy leaves out are not required (behaviour.md "Password policy and history").
      assert.deepEqual(updated.Policies, {
        PasswordPolicy: {
          MinimumLength: 16,
          RequireUppercase: false,
          RequireLowercase: false,
          RequireNumbers: false,
          RequireSymbols: false,
          PasswordHistorySize: 4,
          TemporaryPasswordValidityDays: 7,
        },
        SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD"] },
      });
      assert.deepEqual(updated.AutoVerifiedAttributes, ["email"]);
      assert.deepEqual(updated.LambdaConfig, { PreSignUp: "arn:aws:lambda:us-east-1:000000000000:function:gate" });
      assert.equal(updated.MfaConfiguration, "OPTIONAL");
      assert.deepEqual(updated.AdminCreateUserConfig, { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 7 });
      assert.deepEqual(updated.UserPoolTags, { stage: "test" });
      assert.deepEqual(updated.AccountRecoverySetting, { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] });
      assert.equal(updated.LastModifiedDate?.getTime(), now.getTime());
      assert.equal(updated.CreationDate?.getTime(), pool.CreationDate?.getTime());
      assert.equal(updated.Name, "updated");
    });

    test("settings the request omits go back to Cognito's defaults", async () => {
      const pool = await createPool({
        Policies: { PasswordPolicy: { MinimumLength: 20, TemporaryPasswordValidityDays: 2 } },
        DeletionProtection: "ACTIVE",
        LambdaConfig: { PostConfirmation: "arn:aws:lambda:us-east-1:000000000000:function:welcome" },
        AutoVerifiedAttributes: ["email"],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        EmailConfiguration: { EmailSendingAccount: "DEVELOPER", SourceArn: "arn:aws:ses:us-east-1:000000000000:identity/a@b.c" },
        VerificationMessageTemplate: { DefaultEmailOption: "CONFIRM_WITH_LINK" },
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true },
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
      });
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id }));
      const reset = await describePool(pool.Id!);
      const fresh = await createPool();
      const defaults = ({ Id, Arn, Name, CreationDate, LastModifiedDate, ...settings }: UserPoolType) => settings;
      assert.deepEqual(defaults(reset), defaults(fresh));
    });

    test("the name, schema, sign-in attributes, case sensitivity, tags and tier stay unless the request changes them", async () => {
      const pool = await createPool({
        UsernameAttributes: ["email"],
        UsernameConfiguration: { CaseSensitive: false },
        Schema: [{ Name: "team", AttributeDataType: "String" }],
        UserPoolTags: { owner: "platform" },
        UserPoolTier: "PLUS",
      });
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, MfaConfiguration: "OFF" }));
      const kept = await describePool(pool.Id!);
      assert.equal(kept.Name, "updated");
      assert.deepEqual(kept.UsernameAttributes, ["email"]);
      assert.deepEqual(kept.UsernameConfiguration, { CaseSensitive: false });
      assert.deepEqual(kept.SchemaAttributes, pool.SchemaAttributes);
      assert.deepEqual(kept.UserPoolTags, { owner: "platform" });
      assert.equal(kept.UserPoolTier, "PLUS");
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, PoolName: "renamed", UserPoolTier: "LITE" }));
      const changed = await describePool(pool.Id!);
      assert.equal(changed.Name, "renamed");
      assert.equal(changed.UserPoolTier, "LITE");
    });

    test("deletion protection is switched on and off by UpdateUserPool", async () => {
      const pool = await createPool();
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, DeletionProtection: "ACTIVE" }));
      await rejectsWith(
        cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id })),
        InvalidParameterException,
        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
      );
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, DeletionProtection: "INACTIVE" }));
      await cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
      await rejectsWith(describePool(pool.Id!), ResourceNotFoundException, `User pool ${pool.Id} does not exist.`);
    });

    test("a tier change that leaves features the new tier lacks is refused and changes nothing", async () => {
      const pool = await createPool({
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
        Policies: { PasswordPolicy: { PasswordHistorySize: 6 } },
      });
      const before = await describePool(pool.Id!);
      await rejectsWith(
        cognito.send(
          new UpdateUserPoolCommand({
            UserPoolId: pool.Id,
            UserPoolTier: "ESSENTIALS",
            UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
          }),
        ),
        FeatureUnavailableInTierException,
        "The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection",
      );
      await rejectsWith(
        cognito.send(
          new UpdateUserPoolCommand({
            UserPoolId: pool.Id,
            UserPoolTier: "LITE",
            Policies: { PasswordPolicy: { PasswordHistorySize: 6 } },
          }),
        ),
        InvalidParameterException,
        "Password history is not available in the LITE tier: use the ESSENTIALS or PLUS tier.",
      );
      assert.deepEqual(await describePool(pool.Id!), before);
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, UserPoolTier: "ESSENTIALS" }));
      const downgraded = await describePool(pool.Id!);
      assert.equal(downgraded.UserPoolTier, "ESSENTIALS");
      assert.equal(downgraded.UserPoolAddOns, undefined);
    });

    test("UpdateUserPool on a pool that does not exist, or of another region, fails ResourceNotFoundException", async () => {
      const pool = await createPool();
      await rejectsWith(
        cognito.send(new UpdateUserPoolCommand({ UserPoolId: "us-east-1_NoSuchPool", MfaConfiguration: "OFF" })),
        ResourceNotFoundException,
        "User pool us-east-1_NoSuchPool does not exist.",
      );
      await rejectsWith(
        cognate.client({ region: "ap-northeast-1" }).send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, PoolName: "stolen" })),
        ResourceNotFoundException,
        `User pool ${pool.Id} does not exist.`,
      );
      assert.equal((await describePool(pool.Id!)).Name, "updated");
    });

    test("UpdateUserPool input is checked by the model, in AWS's wording", async () => {
      const pool = await createPool();
      await rejectsWith(
        cognito.send(
          new UpdateUserPoolCommand({ UserPoolId: pool.Id, Policies: { PasswordPolicy: { MinimumLength: 5 } } }),
        ),
        InvalidParameterException,
        "1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
      );
    });
  });
}
