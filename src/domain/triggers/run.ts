import type { LambdaConfigType } from "@aws-sdk/client-cognito-identity-provider";
import { invalidLambdaResponse, unexpectedLambda, userLambdaValidation } from "../../errors/catalogue.js";
import type { UserPoolRecord } from "../pools/types.js";
import {
  TriggerFunctionError,
  TriggerUnavailableError,
  type TriggerEvent,
  type SenderCodeCipher,
  type TriggerInvoker,
} from "../ports/triggers.js";

/** The triggers, by their LambdaConfig names (which are also the names Cognito's error messages use). */
export type TriggerName = Exclude<keyof LambdaConfigType, "PreTokenGenerationConfig" | "KMSKeyID" | "InboundFederation">;

/** What running triggers needs from the composition root (the handlers' Deps satisfies it). */
export interface TriggerDeps {
  triggers: TriggerInvoker;
  /** Encrypts the codes custom sender functions are given. */
  senderCodes: SenderCodeCipher;
  /** What the request gives every trigger it reaches, when a handler sets it (sign-in flows read it here). */
  triggerCall?: TriggerCall;
}

/** Facts of the request that its triggers' events carry. */
export interface TriggerCall {
  clientMetadata?: Record<string, string>;
  /** The challenge a RespondToAuthChallenge answers, which names the token generation's source. */
  answering?: string;
}

/** Cognito leaves callerContext.clientId at this for operations without a client (Admin*). */
export const NO_CLIENT = "CLIENT_ID_NOT_APPLICABLE";

/** The function configured for the trigger, if any (the versioned pre token generation name first). */
export function triggerFunction(pool: UserPoolRecord, trigger: TriggerName): string | undefined {
  const config = pool.config.LambdaConfig ?? {};
  switch (trigger) {
    case "PreTokenGeneration":
      return config.PreTokenGenerationConfig?.LambdaArn ?? config.PreTokenGeneration;
    case "CustomEmailSender":
    case "CustomSMSSender":
      return config[trigger]?.LambdaArn;
    default:
      return config[trigger];
  }
}

/**
 * Runs the pool's function for the trigger with Cognito's event envelope around `request` and `response`,
 * and resolves with the response it answered; undefined when the pool has no function for the trigger (or no
 * way to run functions is configured). A function that threw is `UserLambdaValidationException`, one that
 * could not run or timed out `UnexpectedLambdaException`, an answer that is not an object (or whose response
 * is not one) `InvalidLambdaResponseException` — unless `answerIgnored` (the custom senders, whose answer
 * Cognito does not read): then it resolves with an empty response whatever the function returned.
 */
export async function runTrigger(
  deps: TriggerDeps,
  pool: UserPoolRecord,
  trigger: TriggerName,
  event: {
    triggerSource: string;
    userName?: string;
    clientId?: string;
    version?: string;
    request: Record<string, unknown>;
    response?: Record<string, unknown>;
    answerIgnored?: boolean;
  },
): Promise<Record<string, unknown> | undefined> {
  const functionArn = triggerFunction(pool, trigger);
  if (functionArn === undefined || !deps.triggers.enabled) return undefined;
  const sent: TriggerEvent = {
    version: event.version ?? "1",
    triggerSource: event.triggerSource,
    region: pool.region,
    userPoolId: pool.id,
    ...(event.userName === undefined ? {} : { userName: event.userName }),
    // Cognito names the caller's SDK from its user agent; Cognate does not look at it.
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: event.clientId ?? NO_CLIENT },
    request: withoutUndefined(event.request),
    response: event.response ?? {},
  };
  let answer: unknown;
  try {
    answer = await deps.triggers.invoke(functionArn, sent);
  } catch (error) {
    if (error instanceof TriggerFunctionError) throw userLambdaValidation(trigger, error.message);
    if (error instanceof TriggerUnavailableError) throw unexpectedLambda(trigger, error.reason);
    throw error;
  }
  if (event.answerIgnored === true) return {};
  if (!isObject(answer)) throw invalidLambdaResponse();
  const response = answer.response ?? {};
  if (!isObject(response)) throw invalidLambdaResponse();
  return response;
}

/** A response member that must be a boolean when present (autoConfirmUser, ...). */
export function booleanMember(response: Record<string, unknown> | undefined, name: string): boolean {
  const value = response?.[name];
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw invalidLambdaResponse();
  return value;
}

/** A response member that must be a string map when present (claims to add, ...). */
export function stringMapMember(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || Object.values(value).some((member) => typeof member !== "string")) throw invalidLambdaResponse();
  return value as Record<string, string>;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined));
}
