import { registry } from "./registry.js";
import { AuditTrail, auditedStore, isReadOperation } from "./audit.js";
import type { Deps, OperationTable, RequestContext } from "./types.js";
import { CognitoError } from "../errors/cognitoError.js";
import { internalError, operationNotSupported } from "../errors/catalogue.js";
import { validateInput } from "../protocol/validate.js";
import { FrameworkError } from "../errors/frameworkError.js";
import type { ModelledErrorName } from "../model/errors.gen.js";
import { operations, type OperationName } from "../model/operations.gen.js";
import { authorize } from "../protocol/iam/authorize.js";
import type { RateLimits } from "../config/rateLimits.js";
import { checkRate } from "./throttle/throttle.js";
import { poolIdOfArn } from "../domain/tags/tags.js";

/** How the pipeline runs, fixed at start. */
export interface PipelineSettings {
  /** Audit reads too, not only changes and sign-ins. */
  auditReads: boolean;
  /** Requests per second by quota category; an absent category is not throttled. */
  rateLimits: RateLimits;
  /**
   * Dev mode (and so the tests): a CognitoError the model does not list for its operation fails the request
   * loudly instead of reaching the caller. Secure mode answers what the handler threw.
   */
  checkModelledErrors: boolean;
}

/**
 * Errors Cognito answers although the operation's model does not list them, with why Cognate raises each;
 * the modelled-error check lets them through.
 */
const ANSWERED_BUT_UNMODELLED: Partial<Record<OperationName, readonly ModelledErrorName[]>> = {
  // An alias another user holds (a verified email or phone number without ForceAliasCreation, or a
  // preferred_username): the API reference of ForceAliasCreation says "the API throws an AliasExistsException
  // error if the alias already exists", though the model leaves the exception out.
  AdminCreateUser: ["AliasExistsException"],
};

/**
 * The one path to behaviour, for every caller: the caller's policy must allow the operation, its quota
 * category must have room, the operation must be implemented, its input must satisfy the model, then its
 * handler runs, against a store that audits every change it makes. Authentication happens before, where
 * the raw request is (a signed API request names its caller; local callers have none).
 */
export async function invokeOperation(
  deps: Deps,
  settings: PipelineSettings,
  operation: OperationName,
  input: Record<string, unknown>,
  ctx: RequestContext,
): Promise<unknown> {
  const audited = settings.auditReads || !isReadOperation(operation);
  // Only validated values enter the trail: a refused request is recorded without what it carried.
  const trail = (values: Record<string, unknown>) =>
    new AuditTrail(deps.random, {
      time: ctx.now,
      requestId: ctx.requestId,
      actor: actorOf(ctx, values),
      sourceIp: ctx.sourceIp,
      operation,
      poolId: requestedPoolId(values),
      username: requestedUsername(values),
    });
  if (ctx.caller !== undefined) {
    try {
      authorize(ctx.caller, operation, input);
    } catch (refusal) {
      // A denied request is recorded under the caller's ARN like any failure (docs/behaviour.md, "Audit"),
      // naming the pool and user only when its input is valid.
      if (audited) await recordFailure(deps, trail(validOrNothing(operation, input)), refusal);
      throw refusal;
    }
  }
  // Quotas count real seconds: the control API's clock offset simulates expiry, and setting it back would
  // leave the shared buckets waiting for the time they last saw.
  const now = new Date();
  const limits = await deps.provisionedRates.limits(settings.rateLimits, ctx.region, now);
  await checkRate(deps.store.rateLimits, limits, operation, ctx.region, now);
  const handler = (registry as OperationTable)[operation];
  if (handler === undefined) throw operationNotSupported(operation);
  let audit = trail({});
  try {
    const checked = validateInput(operation, input);
    audit = trail(checked);
    const output = await handler.handle(checked as never, { ...deps, store: auditedStore(deps.store, audit) }, { ...ctx, audit });
    if (audited && !audit.hasRecorded) await deps.store.audit.append(audit.event("success"));
    return output;
  } catch (thrown) {
    const error = settings.checkModelledErrors ? modelledOrInternal(deps, operation, thrown) : thrown;
    if (audited) await recordFailure(deps, audit, error);
    throw error;
  }
}

/** The input as validated, or nothing when it does not satisfy the model. */
function validOrNothing(operation: OperationName, input: Record<string, unknown>): Record<string, unknown> {
  try {
    return validateInput(operation, input);
  } catch {
    return {};
  }
}

/**
 * The error itself, unless it is a CognitoError the model does not list for the operation (nor
 * ANSWERED_BUT_UNMODELLED): that is a bug in Cognate, logged naming the operation and the type, and answered
 * as an internal error (HTTP 500) so that any test reaching it fails. FrameworkErrors are outside the model.
 */
function modelledOrInternal(deps: Deps, operation: OperationName, error: unknown): unknown {
  if (!(error instanceof CognitoError)) return error;
  const answered = [...operations[operation].errors, ...(ANSWERED_BUT_UNMODELLED[operation] ?? [])];
  if (answered.includes(error.type)) return error;
  deps.log.error(
    { err: error, operation, errorType: error.type },
    `${operation} raised ${error.type}, which the model does not list for it`,
  );
  return internalError();
}

/** A failure's event; if even that cannot be written, the request's own error is what the caller sees. */
export async function recordFailure(deps: Deps, audit: AuditTrail, error: unknown): Promise<void> {
  try {
    await deps.store.audit.append(audit.event("failure", errorTypeOf(error)));
  } catch (auditError) {
    deps.log.error({ err: auditError }, "could not record a failed request in the audit trail");
  }
}

export function actorOf(ctx: RequestContext, input: Record<string, unknown>): string {
  if (ctx.caller !== undefined) return ctx.caller.arn;
  if (typeof input.ClientId === "string") return `client:${input.ClientId}`;
  return ctx.sourceIp === undefined ? "local" : "anonymous";
}

/** The user a request names, as it names them (handlers replace it with the internal username). */
function requestedUsername(input: Record<string, unknown>): string | undefined {
  const named = [input.Username, field(input.AuthParameters, "USERNAME"), field(input.ChallengeResponses, "USERNAME")];
  return named.find((value): value is string => typeof value === "string");
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function errorTypeOf(error: unknown): string {
  return error instanceof CognitoError || error instanceof FrameworkError ? error.type : "InternalErrorException";
}

/** The pool a request names: by UserPoolId, or by the pool ARN a tagging request names. */
function requestedPoolId(values: Record<string, unknown>): string | undefined {
  if (typeof values.UserPoolId === "string") return values.UserPoolId;
  return typeof values.ResourceArn === "string" ? poolIdOfArn(values.ResourceArn) : undefined;
}
