import type { LambdaConfigType } from "@aws-sdk/client-cognito-identity-provider";
import { preTokenGenerationArnsDiffer, senderWithoutKmsKey } from "../../errors/catalogue.js";

/**
 * The pool's LambdaConfig as stored and described (docs/behaviour.md#lambda-triggers): the ARNs themselves are
 * checked by the model (ArnType). The pre token generation function may be named twice — the legacy
 * `PreTokenGeneration` and `PreTokenGenerationConfig.LambdaArn` — and Cognito reports both once either is set,
 * the legacy one meaning version V1_0. Custom senders encrypt codes with the pool's KMS key, so need one.
 */
export function storedLambdaConfig(given: LambdaConfigType | undefined): LambdaConfigType {
  const config: LambdaConfigType = { ...given };
  const legacy = config.PreTokenGeneration;
  const versioned = config.PreTokenGenerationConfig;
  if (legacy !== undefined && versioned !== undefined && legacy !== versioned.LambdaArn) throw preTokenGenerationArnsDiffer();
  if (versioned !== undefined) config.PreTokenGeneration = versioned.LambdaArn;
  else if (legacy !== undefined) config.PreTokenGenerationConfig = { LambdaVersion: "V1_0", LambdaArn: legacy };
  if ((config.CustomEmailSender !== undefined || config.CustomSMSSender !== undefined) && config.KMSKeyID === undefined) {
    throw senderWithoutKmsKey();
  }
  return config;
}
