import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InvalidParameterException,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const KEY = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";

for (const backend of backends) {
  describe(`LambdaConfig on user pools (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    const create = async (LambdaConfig: LambdaConfigType) =>
      (await cognito.send(new CreateUserPoolCommand({ PoolName: "triggers", LambdaConfig }))).UserPool!;
    const describePool = async (UserPoolId: string) =>
      (await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!;

    test("every trigger of the model is stored and described as given", async () => {
      const config: LambdaConfigType = {
        PreSignUp: fn("pre-sign-up"),
        CustomMessage: fn("custom-message"),
        PostConfirmation: fn("post-confirmation"),
        PreAuthentication: fn("pre-authentication"),
        PostAuthentication: fn("post-authentication"),
        DefineAuthChallenge: fn("define"),
        CreateAuthChallenge: fn("create"),
        VerifyAuthChallengeResponse: fn("verify"),
        PreTokenGeneration: fn("pre-token"),
        PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: fn("pre-token") },
        UserMigration: fn("migration"),
        CustomEmailSender: { LambdaVersion: "V1_0", LambdaArn: fn("email-sender") },
        CustomSMSSender: { LambdaVersion: "V1_0", LambdaArn: fn("sms-sender") },
        KMSKeyID: KEY,
      };
      const pool = await create(config);
      assert.deepEqual(pool.LambdaConfig, config);
      assert.deepEqual((await describePool(pool.Id!)).LambdaConfig, config);
    });

    test("the legacy PreTokenGeneration is version V1_0, and a versioned one is also reported under the legacy name", async () => {
      const legacy = await create({ PreTokenGeneration: fn("claims") });
      assert.deepEqual(legacy.LambdaConfig, {
        PreTokenGeneration: fn("claims"),
        PreTokenGenerationConfig: { LambdaVersion: "V1_0", LambdaArn: fn("claims") },
      });
      await cognito.send(
        new UpdateUserPoolCommand({
          UserPoolId: legacy.Id,
          LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: "V3_0", LambdaArn: fn("m2m-claims") } },
        }),
      );
      assert.deepEqual((await describePool(legacy.Id!)).LambdaConfig, {
        PreTokenGeneration: fn("m2m-claims"),
        PreTokenGenerationConfig: { LambdaVersion: "V3_0", LambdaArn: fn("m2m-claims") },
      });
    });

    test("contradicting pre token generation functions, a sender without a KMS key and a malformed ARN are refused, changing nothing", async () => {
      await rejectsWith(
        create({ PreTokenGeneration: fn("one"), PreTokenGenerationConfig: { LambdaVersion: "V2_0", LambdaArn: fn("two") } }),
        InvalidParameterException,
        "PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function when both are set.",
      );
      const pool = await create({ PreSignUp: fn("gate") });
      await rejectsWith(
        cognito.send(
          new UpdateUserPoolCommand({
            UserPoolId: pool.Id,
            LambdaConfig: { CustomEmailSender: { LambdaVersion: "V1_0", LambdaArn: fn("sender") } },
          }),
        ),
        InvalidParameterException,
        "KMSKeyID is required when CustomEmailSender or CustomSMSSender is set.",
      );
      await rejectsWith(
        cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, LambdaConfig: { PreSignUp: "not-an-arn-at-all-really" } })),
        InvalidParameterException,
        "1 validation error detected: Value 'not-an-arn-at-all-really' at 'lambdaConfig.preSignUp' failed to satisfy constraint: " +
          "Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?",
      );
      assert.deepEqual((await describePool(pool.Id!)).LambdaConfig, { PreSignUp: fn("gate") });
    });
  });
}
