import { refreshNeedsRotation } from "../../errors/catalogue.js";
import { checkRefreshDevice } from "../devices/devices.js";
import { refreshTokenRotation, refreshTokens, resolveRefreshToken } from "../tokens/issue.js";
import { usernameKey } from "../users/aliases.js";
import type { ClientInPool } from "../clients/types.js";
import { requiredParameter } from "./parameters.js";
import type { AuthDeps, AuthOutcome } from "./types.js";
import { requiredSecretHash, verifySecretHash } from "./secretHash.js";

/**
 * REFRESH_TOKEN_AUTH / REFRESH_TOKEN: new ID and access tokens for a refresh token of this client (one that
 * does not rotate refresh tokens). With a
 * client secret, SECRET_HASH must be there before the token is looked at; it is then checked over the
 * token's user, computed with either the internal username or the `sub` (clients use both, and they are
 * the same value in pools whose users sign in with an email or phone number). A token issued to a device
 * needs that device's DEVICE_KEY.
 */
export async function signInWithRefreshToken(
  deps: AuthDeps,
  request: ClientInPool & { parameters: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, parameters, now } = request;
  // A client that rotates refresh tokens must refresh through GetTokensFromRefreshToken, which rotates.
  if (refreshTokenRotation(client).enabled) throw refreshNeedsRotation();
  const refreshToken = requiredParameter(parameters, "REFRESH_TOKEN");
  const secretHash = requiredSecretHash(client, parameters?.SECRET_HASH);
  const token = await resolveRefreshToken(deps, { pool, client, refreshToken, now });
  if (secretHash !== undefined) {
    const user = await deps.store.users.getByUsernameKey(pool.id, usernameKey(pool, token.username));
    verifySecretHash(client, secretHash, user === undefined ? [token.username] : [token.username, user.sub]);
  }
  await checkRefreshDevice(deps.store, { token, deviceKey: parameters?.DEVICE_KEY });
  return { ChallengeParameters: {}, AuthenticationResult: await refreshTokens(deps, { pool, client, token, now, tokenSource: "RefreshTokens" }) };
}
