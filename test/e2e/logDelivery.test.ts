import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateUserPoolCommand,
  FeatureUnavailableInTierException,
  GetLogDeliveryConfigurationCommand,
  InvalidParameterException,
  ResourceNotFoundException,
  SetLogDeliveryConfigurationCommand,
  type CognitoIdentityProviderClient,
  type LogConfigurationType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

const LOG_GROUP = "arn:aws:logs:us-east-1:000000000000:log-group:cognito";
const NOTIFICATIONS: LogConfigurationType = { EventSource: "userNotification", LogLevel: "ERROR", CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } };
const AUTH_EVENTS: LogConfigurationType = { EventSource: "userAuthEvents", LogLevel: "INFO", S3Configuration: { BucketArn: "arn:aws:s3:::cognito-logs" } };

for (const backend of backends) {
  describe(`log delivery configuration through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function pool(UserPoolTier?: "ESSENTIALS" | "PLUS"): Promise<string> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "logs", UserPoolTier }));
      return UserPool!.Id!;
    }

    async function configurations(UserPoolId: string): Promise<LogConfigurationType[] | undefined> {
      const { LogDeliveryConfiguration } = await cognito.send(new GetLogDeliveryConfigurationCommand({ UserPoolId }));
      assert.equal(LogDeliveryConfiguration?.UserPoolId, UserPoolId);
      return LogDeliveryConfiguration?.LogConfigurations;
    }

    test("a pool has no log configurations until set; what is set is returned and read back, and replaced by the next set", async () => {
      const UserPoolId = await pool("PLUS");
      assert.deepEqual(await configurations(UserPoolId), []);
      const { LogDeliveryConfiguration } = await cognito.send(
        new SetLogDeliveryConfigurationCommand({ UserPoolId, LogConfigurations: [NOTIFICATIONS, AUTH_EVENTS] }),
      );
      assert.deepEqual(LogDeliveryConfiguration, { UserPoolId, LogConfigurations: [NOTIFICATIONS, AUTH_EVENTS] });
      assert.deepEqual(await configurations(UserPoolId), [NOTIFICATIONS, AUTH_EVENTS]);
      await cognito.send(new SetLogDeliveryConfigurationCommand({ UserPoolId, LogConfigurations: [] }));
      assert.deepEqual(await configurations(UserPoolId), []);
    });

    test("each source once, one destination each, the right level and destination, user activity on Plus only", async () => {
      const UserPoolId = await pool();
      await cognito.send(new SetLogDeliveryConfigurationCommand({ UserPoolId, LogConfigurations: [NOTIFICATIONS] }));
      const refused: [LogConfigurationType[], new (...args: never[]) => Error, string][] = [
        [[NOTIFICATIONS, NOTIFICATIONS], InvalidParameterException, "Only one log configuration per EventSource is allowed: userNotification is given twice."],
        [[{ EventSource: "userNotification", LogLevel: "ERROR" }], InvalidParameterException, "Each log configuration needs exactly one destination."],
        [
          [{ ...NOTIFICATIONS, FirehoseConfiguration: { StreamArn: "arn:aws:firehose:us-east-1:000000000000:deliverystream/x" } }],
          InvalidParameterException,
          "Each log configuration needs exactly one destination.",
        ],
        [[{ ...NOTIFICATIONS, LogLevel: "INFO" }], InvalidParameterException, "userNotification logs are delivered at ERROR level to CloudWatchLogsConfiguration only."],
        [[{ ...AUTH_EVENTS, LogLevel: "ERROR" }], InvalidParameterException, "userAuthEvents logs are delivered at INFO level to CloudWatchLogsConfiguration, FirehoseConfiguration or S3Configuration only."],
        [[AUTH_EVENTS], FeatureUnavailableInTierException, "Exporting userAuthEvents logs requires the PLUS feature plan."],
      ];
      for (const [LogConfigurations, type, message] of refused) {
        await rejectsWith(cognito.send(new SetLogDeliveryConfigurationCommand({ UserPoolId, LogConfigurations })), type as never, message);
      }
      assert.deepEqual(await configurations(UserPoolId), [NOTIFICATIONS], "a refused request changes nothing");
      await rejectsWith(
        cognito.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: "us-east-1_nosuchpool" })),
        ResourceNotFoundException,
        "User pool us-east-1_nosuchpool does not exist.",
      );
    });
  });
}
