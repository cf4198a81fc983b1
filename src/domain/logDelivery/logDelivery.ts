import type { LogConfigurationType, LogDeliveryConfigurationType } from "@aws-sdk/client-cognito-identity-provider";
import {
  logDestinationCount,
  logEventSourceRepeated,
  logLevelOrDestinationWrong,
  userAuthEventLogsNotInTier,
} from "../../errors/catalogue.js";
import { DEFAULT_TIER } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";

/**
 * The rules of SetLogDeliveryConfiguration's list, from its API reference: one configuration per event
 * source, each with exactly one destination; `userNotification` at ERROR to CloudWatch Logs;
 * `userAuthEvents` at INFO to CloudWatch Logs, Firehose or S3, on the Plus feature plan only.
 */
export function checkLogConfigurations(pool: UserPoolRecord, configurations: readonly LogConfigurationType[]): void {
  const sources = new Set<string>();
  for (const configuration of configurations) {
    const source = configuration.EventSource ?? "";
    if (sources.has(source)) throw logEventSourceRepeated(source);
    sources.add(source);
    const destinations = [
      ["CloudWatchLogsConfiguration", configuration.CloudWatchLogsConfiguration?.LogGroupArn],
      ["FirehoseConfiguration", configuration.FirehoseConfiguration?.StreamArn],
      ["S3Configuration", configuration.S3Configuration?.BucketArn],
    ].filter(([, arn]) => arn !== undefined);
    if (destinations.length !== 1) throw logDestinationCount();
    const destination = destinations[0]![0]!;
    if (source === "userNotification" && (configuration.LogLevel !== "ERROR" || destination !== "CloudWatchLogsConfiguration")) {
      throw logLevelOrDestinationWrong(source, "ERROR", "CloudWatchLogsConfiguration");
    }
    if (source === "userAuthEvents") {
      if (configuration.LogLevel !== "INFO") {
        throw logLevelOrDestinationWrong(source, "INFO", "CloudWatchLogsConfiguration, FirehoseConfiguration or S3Configuration");
      }
      if ((pool.config.UserPoolTier ?? DEFAULT_TIER) !== "PLUS") throw userAuthEventLogsNotInTier();
    }
  }
}

export function toLogDeliveryConfiguration(poolId: string, configurations: readonly LogConfigurationType[] | undefined): LogDeliveryConfigurationType {
  return { UserPoolId: poolId, LogConfigurations: [...(configurations ?? [])] };
}
