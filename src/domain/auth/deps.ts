import type { InitiateAuthResponse } from "@aws-sdk/client-cognito-identity-provider";
import type { ClientRecord } from "../clients/index.js";
import { findClientForUnsignedRequest } from "../clients/index.js";
import { clientNotFound, missingRequiredParameter } from "../../errors/catalogue.js";
import type { PasswordHasher } from "../passwords/hasher.js";
import type { UserPoolRecord } from "../pools/index.js";
import type { TokenDeps } from "../tokens/issue.js";
import type { Store } from "../ports/store.js";

/** What sign-in needs from the composition root (the handlers' Deps satisfies it). */
export interface AuthDeps extends TokenDeps {
  hasher: PasswordHasher;
}

/**
 * What a sign-in step answers, in the wire names the four operations share: a further challenge (name,
 * session, parameters) or the tokens, with empty ChallengeParameters as Cognito sends them. Only
 * InitiateAuth's USER_AUTH sets AvailableChallenges.
 */
export type AuthOutcome = Pick<
  InitiateAuthResponse,
  "ChallengeName" | "Session" | "ChallengeParameters" | "AuthenticationResult" | "AvailableChallenges"
>;

/** An app client and its pool. */
export interface ClientInPool {
  pool: UserPoolRecord;
  client: ClientRecord;
}

/** The client an unsigned sign-in call names, and its pool: the client id alone says where the user lives. */
export async function unsignedClient(store: Store, clientId: string): Promise<ClientInPool> {
  const client = await findClientForUnsignedRequest(store, clientId);
  const pool = await store.pools.get(client.poolId);
  if (pool === undefined) throw clientNotFound(clientId);
  return { pool, client };
}

/** A named entry of AuthParameters or ChallengeResponses; Cognito words its absence this way. */
export function requiredParameter(parameters: Record<string, string> | undefined, name: string): string {
  const value = parameters?.[name];
  if (value === undefined) throw missingRequiredParameter(name);
  return value;
}
