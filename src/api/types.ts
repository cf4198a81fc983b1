import type { OperationName, OperationTypes } from "../model/operations.gen.js";
import type { LogDestinations } from "../domain/ports/logDestinations.js";
import type { Caller } from "../protocol/sigv4/verify.js";
import type { Logger } from "pino";
import type { AuditTrail } from "./audit.js";
import type { Store } from "../domain/ports/store.js";
import type { Random } from "../domain/random.js";
import type { PasswordHasher } from "../domain/passwords/hasher.js";
import type { TokenIssuerForm } from "../domain/tokens/issue.js";
import type { ProviderHttp } from "../domain/identityProviders/types.js";
import type { RateLimits } from "../config/rateLimits.js";
import type { ProvisionedRates } from "./throttle/provisioned.js";
import type { TriggerInvoker } from "../domain/ports/triggers.js";
import type { TriggerCall } from "../domain/triggers/run.js";

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** An SDK request type after model validation: its required members are known to be present. */
export type Checked<T> = T & { [K in RequiredKeys<T>]-?: Exclude<T[K], undefined> };

export type OperationInput<N extends OperationName> = Checked<OperationTypes[N]["input"]>;
export type OperationOutput<N extends OperationName> = OperationTypes[N]["output"];

/** What every handler may use; built once by the composition root. The domain's deps are slices of it. */
export interface Deps {
  store: Store;
  random: Random;
  hasher: PasswordHasher;
  /** The base URL clients reach Cognate at (token issuer, JWKS address). */
  publicUrl(): string;
  /** Which form of `iss` tokens carry. */
  tokenIssuer: TokenIssuerForm;
  /** Secure mode: messages are never logged with their bodies and codes. */
  secureMode: boolean;
  /** Never given a password, hash, verifier, code or secret, except the dev-mode outbox line. */
  log: Logger;
  /** The rates --rate-limits and the mode set, by quota category; an absent category is not throttled. */
  rateLimits: RateLimits;
  /** The rates UpdateProvisionedLimit set, shared by every instance; they replace the configured ones. */
  provisionedRates: ProvisionedRates;
  /** Where pools' exported logs are written (--log-delivery-dir); undefined writes none. */
  logDestinations?: LogDestinations | undefined;
  /** Runs the pools' Lambda triggers (docs/behaviour.md#lambda-triggers). */
  triggers: TriggerInvoker;
  /** Set by a handler for its request: what the triggers it reaches are given (ClientMetadata, ...). */
  triggerCall?: TriggerCall;
  /** Talks to identity providers: their metadata, and their token, JWKS and userinfo endpoints at sign-in. */
  providerHttp: ProviderHttp;
  /** This instance's runner of user import jobs, when it runs them (a serving instance). */
  userImportJobs?: { wake(): void };
}

/** Facts about one request, fixed before the handler runs. */
export interface RequestContext {
  requestId: string;
  /** The injected clock read once for this request. */
  now: Date;
  /** The region the request addresses: its signature scope, else the configured default. */
  region: string;
  accountId: string;
  /** The verified (secure mode) or declared (dev mode) signer of a signed operation. */
  caller?: Caller;
  sourceIp?: string;
  /** The request's audit event; handlers name the target user and note non-secret facts on it. */
  audit?: AuditTrail;
  /** The id CreateUserPoolClient gives the new client instead of a random one: set by seeds (local callers) only. */
  assignedClientId?: string;
}

export interface Operation<N extends OperationName> {
  name: N;
  handle(input: OperationInput<N>, deps: Deps, ctx: RequestContext): Promise<OperationOutput<N>>;
}

export function defineOperation<N extends OperationName>(
  name: N,
  handle: Operation<N>["handle"],
): Operation<N> {
  return { name, handle };
}

export type OperationTable = { [N in OperationName]?: Operation<N> };
