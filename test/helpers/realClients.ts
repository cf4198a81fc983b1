import assert from "node:assert/strict";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from "amazon-cognito-identity-js";
import { Amplify } from "aws-amplify";
import { ConsoleLogger } from "aws-amplify/utils";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { secretHash } from "./signIn.js";

/** How one amazon-cognito-identity-js sign-in step ended: which of its callbacks the library called. */
export type CognitoJsOutcome =
  | { kind: "success"; session: CognitoUserSession }
  | { kind: "failure"; error: Error & { code?: string } }
  | { kind: "newPasswordRequired"; userAttributes: Record<string, string>; requiredAttributes: string[] }
  | { kind: "other challenge"; callback: string };

/** The request method every amazon-cognito-identity-js call goes through (its `Client`, not in its typings). */
type LibraryRequest = (operation: string, params: Record<string, unknown>, callback: (error: unknown, data: unknown) => void) => void;

/** A per-pool token store, so that no test sees another's cached session (the library's default is one global map). */
export function inMemoryStorage(): ICognitoStorage {
  const items = new Map<string, string>();
  return {
    setItem: (key, value) => void items.set(key, value),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/**
 * A CognitoUserPool pointed at Cognate through the library's own `endpoint` option. With `secret`, every
 * InitiateAuth and RespondToAuthChallenge carries SECRET_HASH over the USERNAME it sends: the library has no
 * client-secret support ("the JavaScript SDK doesn't support apps that have a client secret", its README), so
 * applications that need one wrap its request method like this.
 */
export function cognitoJsPool(url: string, poolId: string, clientId: string, options: { secret?: string } = {}): CognitoUserPool {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: url, Storage: inMemoryStorage() });
  const { secret } = options;
  if (secret !== undefined) {
    const client = (pool as unknown as { client: { request: LibraryRequest } }).client;
    const request = client.request.bind(client);
    client.request = (operation, params, callback) => {
      const member =
        operation === "InitiateAuth" ? "AuthParameters" : operation === "RespondToAuthChallenge" ? "ChallengeResponses" : undefined;
      const parameters = member === undefined ? undefined : (params[member] as Record<string, string> | undefined);
      if (member !== undefined && parameters?.USERNAME !== undefined) {
        params = { ...params, [member]: { ...parameters, SECRET_HASH: secretHash(secret, parameters.USERNAME, clientId) } };
      }
      request(operation, params, callback);
    };
  }
  return pool;
}

function outcomeCallbacks(resolve: (outcome: CognitoJsOutcome) => void) {
  const other = (callback: string) => () => resolve({ kind: "other challenge", callback });
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: "success", session }),
    onFailure: (error: Error & { code?: string }) => resolve({ kind: "failure", error }),
    newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: string[]) =>
      resolve({ kind: "newPasswordRequired", userAttributes, requiredAttributes }),
    mfaRequired: other("mfaRequired"),
    totpRequired: other("totpRequired"),
    customChallenge: other("customChallenge"),
    mfaSetup: other("mfaSetup"),
    selectMFAType: other("selectMFAType"),
  };
}

/** `authenticateUser` with the library's default flow (USER_SRP_AUTH), as a browser app calls it. */
export function authenticateWithCognitoJs(user: CognitoUser, username: string, password: string): Promise<CognitoJsOutcome> {
  return new Promise((resolve) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), outcomeCallbacks(resolve)),
  );
}

/** The answer to `newPasswordRequired`, on the same CognitoUser that received it. */
export function completeNewPasswordWithCognitoJs(
  user: CognitoUser,
  newPassword: string,
  attributes: Record<string, string> = {},
): Promise<CognitoJsOutcome> {
  return new Promise((resolve) => user.completeNewPasswordChallenge(newPassword, attributes, outcomeCallbacks(resolve)));
}

/** A CognitoUser of `pool`, as the library's examples create one, caching its tokens in the pool's storage. */
export function cognitoJsUser(pool: CognitoUserPool, username: string): CognitoUser {
  const { storage } = pool as unknown as { storage: ICognitoStorage };
  return new CognitoUser({ Username: username, Pool: pool, Storage: storage });
}

export function assertSucceeded(outcome: CognitoJsOutcome): CognitoUserSession {
  assert.equal(outcome.kind, "success", outcome.kind === "failure" ? `${outcome.error.name}: ${outcome.error.message}` : outcome.kind);
  return (outcome as Extract<CognitoJsOutcome, { kind: "success" }>).session;
}

export function assertFailed(outcome: CognitoJsOutcome, name: string, message: string): void {
  assert.equal(outcome.kind, "failure", `expected ${name}, got ${outcome.kind}`);
  const { error } = outcome as Extract<CognitoJsOutcome, { kind: "failure" }>;
  assert.equal(error.name, name);
  assert.equal(error.code, name);
  assert.equal(error.message, message);
}

/** Points the Amplify singleton at one pool and client of Cognate through `userPoolEndpoint`. */
export function configureAmplify(url: string, poolId: string, clientId: string): void {
  // Amplify warns on every call that a custom endpoint is in use; that is the point here.
  ConsoleLogger.LOG_LEVEL = "ERROR";
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: url } } });
}

/** Verifies tokens as an application would: signature against the JWKS Cognate publishes, issuer, audience, use. */
export function tokenVerifiers(url: string, poolId: string, clientId: string) {
  const issuer = `${url}/${poolId}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  // aws-jwt-verify fetches only over https; Cognate in a test speaks http, so the JWKS comes through fetch().
  const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } });
  return {
    id: JwtVerifier.create(
      { issuer, audience: clientId, jwksUri, customJwtCheck: ({ payload }) => assert.equal(payload.token_use, "id") },
      { jwksCache },
    ),
    access: JwtVerifier.create(
      {
        issuer,
        audience: null,
        jwksUri,
        scope: "aws.cognito.signin.user.admin",
        customJwtCheck: ({ payload }) => {
          assert.equal(payload.token_use, "access");
          assert.equal(payload.client_id, clientId);
        },
      },
      { jwksCache },
    ),
  };
}
