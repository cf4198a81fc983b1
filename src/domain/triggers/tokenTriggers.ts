import { invalidLambdaResponse } from "../../errors/catalogue.js";
import type { GroupClaims } from "../groups/tokenGroups.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { UserRecord } from "../users/types.js";
import { isObject, runTrigger, type TriggerDeps } from "./run.js";
import { triggerUserAttributes } from "./userTriggers.js";

/** Where tokens are being issued, as the pre token generation's trigger source names it (`TokenGeneration_<source>`). */
export type TokenSource = "Authentication" | "NewPasswordChallenge" | "RefreshTokens" | "HostedAuth" | "AuthenticateDevice";

/** The pool's pre token generation version as the event's `version` names it. */
function eventVersion(pool: UserPoolRecord): "1" | "2" | "3" {
  const lambdaVersion = pool.config.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion ?? "V1_0";
  return lambdaVersion === "V3_0" ? "3" : lambdaVersion === "V2_0" ? "2" : "1";
}

/** What a pre token generation function changes in the tokens about to be signed. */
export interface TokenCustomisation {
  idToken: ClaimChanges;
  accessToken: ClaimChanges;
  scopesToAdd: string[];
  scopesToSuppress: string[];
  /** Replaces the user's groups (and their roles) in both tokens. */
  groups?: GroupClaims;
}

export interface ClaimChanges {
  add: Record<string, unknown>;
  suppress: string[];
}

/**
 * Claims a function may neither add nor suppress (Cognito's list); they are left as Cognate makes them. V1
 * changes only the ID token, V2 both tokens with any JSON value, V3 also machine-to-machine tokens.
 */
const PROTECTED_CLAIMS = new Set([
  "acr", "amr", "aud", "at_hash", "auth_time", "azp", "c_hash", "client_id", "cognito:username", "event_id", "exp",
  "iat", "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use", "username", "scope", "version",
]);

/**
 * PreTokenGeneration (`TokenGeneration_<source>`), with the pool's LambdaVersion: V1_0 sends version "1" and
 * reads `claimsOverrideDetails`; V2_0/V3_0 send "2"/"3" with the scopes and read `claimsAndScopeOverrideDetails`.
 * Undefined when the pool has no such function.
 */
export async function preTokenGeneration(
  deps: TriggerDeps,
  pool: UserPoolRecord,
  call: { source: TokenSource; user: UserRecord; clientId: string; groups: GroupClaims; scopes: string[] },
): Promise<TokenCustomisation | undefined> {
  const version = eventVersion(pool);
  const groupConfiguration = {
    groupsToOverride: call.groups.groups,
    iamRolesToOverride: call.groups.roles,
    ...(call.groups.preferredRole === undefined ? {} : { preferredRole: call.groups.preferredRole }),
  };
  const response = await runTrigger(deps, pool, "PreTokenGeneration", {
    triggerSource: `TokenGeneration_${call.source}`,
    userName: call.user.username,
    clientId: call.clientId,
    version,
    request: {
      userAttributes: triggerUserAttributes(call.user),
      groupConfiguration,
      ...(version === "1" ? {} : { scopes: call.scopes }),
      clientMetadata: deps.triggerCall?.clientMetadata,
    },
    response: version === "1" ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null },
  });
  if (response === undefined) return undefined;
  if (version === "1") {
    const details = optionalObject(response.claimsOverrideDetails);
    return {
      idToken: claimChanges(details, { stringsOnly: true }),
      accessToken: { add: {}, suppress: [] },
      scopesToAdd: [],
      scopesToSuppress: [],
      ...groupOverride(details),
    };
  }
  return versionedCustomisation(response);
}

/**
 * PreTokenGeneration (`TokenGeneration_ClientCredentials`) for a machine-to-machine access token: only a V3_0
 * function runs, as in Cognito. There is no user: `userAttributes` is empty, no groups, `clientMetadata` the
 * token request's `aws_client_metadata`. Only the access token's claims and scopes can change.
 */
export async function clientCredentialsTokenGeneration(
  deps: TriggerDeps,
  pool: UserPoolRecord,
  call: { clientId: string; scopes: string[]; clientMetadata: Record<string, string> | undefined },
): Promise<TokenCustomisation | undefined> {
  if (eventVersion(pool) !== "3") return undefined;
  const response = await runTrigger(deps, pool, "PreTokenGeneration", {
    triggerSource: "TokenGeneration_ClientCredentials",
    clientId: call.clientId,
    version: "3",
    request: {
      userAttributes: {},
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
      scopes: call.scopes,
      clientMetadata: call.clientMetadata,
    },
    response: { claimsAndScopeOverrideDetails: null },
  });
  return response === undefined ? undefined : versionedCustomisation(response);
}

/** A V2/V3 answer's `claimsAndScopeOverrideDetails`. */
function versionedCustomisation(response: Record<string, unknown>): TokenCustomisation {
  const details = optionalObject(response.claimsAndScopeOverrideDetails);
  const access = optionalObject(details.accessTokenGeneration);
  return {
    idToken: claimChanges(optionalObject(details.idTokenGeneration), { stringsOnly: false }),
    accessToken: claimChanges(access, { stringsOnly: false }),
    scopesToAdd: stringList(access.scopesToAdd),
    scopesToSuppress: stringList(access.scopesToSuppress),
    ...groupOverride(details),
  };
}

/** The claims after the function's changes: protected ones stay, suppressed ones go, added ones are set. */
export function customisedClaims(claims: Record<string, unknown>, changes: ClaimChanges): Record<string, unknown> {
  const result = { ...claims };
  for (const name of changes.suppress) if (!PROTECTED_CLAIMS.has(name)) delete result[name];
  for (const [name, value] of Object.entries(changes.add)) if (!PROTECTED_CLAIMS.has(name)) result[name] = value;
  return result;
}

/** The access token's scope after the function's changes. */
export function customisedScope(scope: string, customisation: TokenCustomisation): string {
  const scopes = scope.split(" ").filter((entry) => entry !== "" && !customisation.scopesToSuppress.includes(entry));
  return [...new Set([...scopes, ...customisation.scopesToAdd])].join(" ");
}

function claimChanges(details: Record<string, unknown>, options: { stringsOnly: boolean }): ClaimChanges {
  const add = optionalObject(details.claimsToAddOrOverride);
  if (options.stringsOnly && Object.values(add).some((value) => typeof value !== "string")) throw invalidLambdaResponse();
  return { add, suppress: stringList(details.claimsToSuppress) };
}

function groupOverride(details: Record<string, unknown>): { groups?: GroupClaims } {
  if (details.groupOverrideDetails === undefined || details.groupOverrideDetails === null) return {};
  const override = optionalObject(details.groupOverrideDetails);
  const preferredRole = override.preferredRole;
  if (preferredRole !== undefined && preferredRole !== null && typeof preferredRole !== "string") throw invalidLambdaResponse();
  return {
    groups: {
      groups: stringList(override.groupsToOverride),
      roles: stringList(override.iamRolesToOverride),
      ...(typeof preferredRole === "string" ? { preferredRole } : {}),
    },
  };
}

function optionalObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalidLambdaResponse();
  return value;
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== "string")) throw invalidLambdaResponse();
  return value as string[];
}
