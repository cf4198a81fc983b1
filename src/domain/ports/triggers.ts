/**
 * How a flow runs the pool's Lambda function for a trigger (docs/behaviour.md#lambda-triggers). Flows do not
 * call this directly: they call `runTrigger` (domain/triggers/run.ts), which builds Cognito's event envelope,
 * maps failures to Cognito's errors and checks the answer's shape.
 */
export interface TriggerInvoker {
  /** False when no way to run functions is configured (no --functions, no --lambda-endpoint): triggers are skipped. */
  readonly enabled: boolean;
  /**
   * Runs the function named by `functionArn` with the event and resolves with what it returned (parsed JSON).
   * Rejects with TriggerFunctionError when the function threw, TriggerUnavailableError when it could not be
   * run or did not answer within Cognito's 5 seconds.
   */
  invoke(functionArn: string, event: TriggerEvent): Promise<unknown>;
}

/**
 * Encrypts a code for a custom sender function (CustomEmailSender, CustomSMSSender), as Cognito encrypts it
 * with the pool's KMS key; implemented in api/triggers/senderCodes.ts (docs/behaviour.md#lambda-triggers).
 */
export interface SenderCodeCipher {
  /** The code encrypted under the key `kmsKeyId` names: an AWS Encryption SDK message, base64. */
  encrypt(kmsKeyId: string, code: string): Promise<string>;
}

/** Cognito's event envelope, common to every trigger (`@types/aws-lambda`'s BaseTriggerEvent). */
export interface TriggerEvent {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName?: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

/** The function ran and threw (or its callback was given an error): the message is the function's own. */
export class TriggerFunctionError extends Error {
  override name = "TriggerFunctionError";
}

/** The function could not be run, or did not answer in time; `reason` is what Cognito names in its message. */
export class TriggerUnavailableError extends Error {
  override name = "TriggerUnavailableError";
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The invoker when neither way to run functions is configured. */
export const triggersOff: TriggerInvoker = {
  enabled: false,
  invoke: () => Promise.reject(new TriggerUnavailableError("no function runner is configured")),
};
