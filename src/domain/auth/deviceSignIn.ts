import { createHmac, timingSafeEqual } from "node:crypto";
import { incorrectUsernameOrPassword, invalidSession, invalidSrpTimestamp, userDisabled } from "../../errors/catalogue.js";
import type { ClientInPool } from "../clients/types.js";
import type { DeviceRecord } from "../devices/types.js";
import {
  parseSrpTimestamp,
  passwordAuthenticationKey,
  scramblingParameter,
  serverPremasterSecret,
  serverPublicValue,
  srpTimestamp,
} from "../passwords/srp.js";
import { signInTokens } from "./challengeUser.js";
import { usernameKey } from "../users/aliases.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { requiredParameter } from "./parameters.js";
import { checkSecretHash } from "./secretHash.js";
import { clientPublicValue } from "./srpSignIn.js";
import { consumeSession, openSession, sessionId, startSession } from "./sessions.js";
import type { AuthDeps, AuthOutcome } from "./types.js";

/*
 * A remembered device instead of MFA (docs/behaviour.md#devices): DEVICE_SRP_AUTH, answered with SRP_A, then
 * DEVICE_PASSWORD_VERIFIER, answered with a password claim, SRP over the verifier ConfirmDevice stored, with
 * the device group key in place of the pool's name and the device key as the user's id.
 */

/** The challenges a remembered device may stand in for. */
const MFA_CHALLENGES = new Set(["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE"]);
const PRIVATE_VALUE_BYTES = 32;
const SECRET_BLOCK_BYTES = 64;

/**
 * When a sign-in asks for MFA and names (DEVICE_KEY) a remembered, confirmed device of the user in a pool
 * whose ChallengeRequiredOnNewDevice is true, the MFA challenge is withdrawn for DEVICE_SRP_AUTH. Anything
 * else leaves the outcome as it was.
 */
export async function deviceInsteadOfMfa(
  deps: AuthDeps,
  request: ClientInPool & { deviceKey: string | undefined; now: Date },
  outcome: AuthOutcome,
): Promise<AuthOutcome> {
  const { pool, client, deviceKey, now } = request;
  if (deviceKey === undefined || outcome.Session === undefined || !MFA_CHALLENGES.has(outcome.ChallengeName ?? "")) return outcome;
  if (pool.config.DeviceConfiguration?.ChallengeRequiredOnNewDevice !== true) return outcome;
  const mfaSession = await deps.store.sessions.get(sessionId(outcome.Session));
  if (mfaSession === undefined) return outcome;
  const user = await deps.store.users.getByUsernameKey(pool.id, usernameKey(pool, mfaSession.username));
  const device = await deps.store.devices.get(pool.id, deviceKey);
  if (user === undefined || device === undefined || !rememberedDeviceOf(device, user)) return outcome;
  await deps.store.transaction((tx) => consumeSession(tx, mfaSession));
  const session = await startSession(deps, { client, username: user.username, challenge: "DEVICE_SRP_AUTH", now, data: { deviceKey } });
  return { ChallengeName: "DEVICE_SRP_AUTH", Session: session, ChallengeParameters: {} };
}

function rememberedDeviceOf(device: DeviceRecord, user: UserRecord): boolean {
  return device.userSub === user.sub && device.rememberedStatus === "remembered" && device.secret !== undefined;
}

/** The answer to DEVICE_SRP_AUTH: USERNAME, DEVICE_KEY, SRP_A; the reply is DEVICE_PASSWORD_VERIFIER with SRP_B and the device's SALT. */
export async function answerDeviceSrpAuth(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const deviceKey = requiredParameter(responses, "DEVICE_KEY");
  const A = clientPublicValue(requiredParameter(responses, "SRP_A"));
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const { session, user, device } = await sessionDevice(deps, { ...request, username, deviceKey, challenge: "DEVICE_SRP_AUTH" });
  const b = BigInt(`0x${deps.random.bytes(PRIVATE_VALUE_BYTES).toString("hex")}`);
  const B = serverPublicValue(BigInt(`0x${device.secret!.verifier}`), b);
  const secretBlock = deps.random.bytes(SECRET_BLOCK_BYTES).toString("base64");
  await deps.store.transaction((tx) => consumeSession(tx, session));
  const next = await startSession(deps, {
    client,
    username: user.username,
    challenge: "DEVICE_PASSWORD_VERIFIER",
    now,
    data: { deviceKey, A: A.toString(16), B: B.toString(16), b: b.toString(16), secretBlock },
  });
  return {
    ChallengeName: "DEVICE_PASSWORD_VERIFIER",
    Session: next,
    ChallengeParameters: {
      USERNAME: user.username,
      DEVICE_KEY: deviceKey,
      SALT: BigInt(`0x${device.secret!.salt}`).toString(16),
      SRP_B: B.toString(16),
      SECRET_BLOCK: secretBlock,
    },
  };
}

/**
 * The answer to DEVICE_PASSWORD_VERIFIER: USERNAME, DEVICE_KEY, PASSWORD_CLAIM_SECRET_BLOCK,
 * PASSWORD_CLAIM_SIGNATURE, TIMESTAMP. The signature is HMAC-SHA256 under the SRP key over the device group
 * key, the device key, the secret block's bytes and the timestamp. A wrong one is `Incorrect username or
 * password.`; the right one uses the session up, marks the device as used and issues tokens.
 */
export async function answerDevicePasswordVerifier(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const deviceKey = requiredParameter(responses, "DEVICE_KEY");
  const secretBlock = requiredParameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  const signature = requiredParameter(responses, "PASSWORD_CLAIM_SIGNATURE");
  const signedAt = parseSrpTimestamp(requiredParameter(responses, "TIMESTAMP"));
  if (signedAt === undefined) throw invalidSrpTimestamp();
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const { session, user, device } = await sessionDevice(deps, { ...request, username, deviceKey, challenge: "DEVICE_PASSWORD_VERIFIER" });
  if (session.data.secretBlock !== secretBlock) throw incorrectUsernameOrPassword();
  const A = BigInt(`0x${String(session.data.A)}`);
  const B = BigInt(`0x${String(session.data.B)}`);
  const u = scramblingParameter(A, B);
  const key = passwordAuthenticationKey(serverPremasterSecret(A, BigInt(`0x${device.secret!.verifier}`), u, BigInt(`0x${String(session.data.b)}`)), u);
  const expected = createHmac("sha256", key)
    .update(device.deviceGroupKey, "utf8")
    .update(device.deviceKey, "utf8")
    .update(Buffer.from(secretBlock, "base64"))
    .update(srpTimestamp(signedAt), "utf8")
    .digest();
  const presented = Buffer.from(signature, "base64");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) throw incorrectUsernameOrPassword();
  await deps.store.transaction(async (tx) => {
    await consumeSession(tx, session);
    await tx.devices.update({ ...device, lastAuthenticatedAt: now });
  });
  return signInTokens(deps, { pool, client, user, now });
}

/** The live session, its user (whom USERNAME must name, still enabled) and its remembered device. */
async function sessionDevice(
  deps: AuthDeps,
  request: ClientInPool & {
    session: string;
    username: string;
    deviceKey: string;
    challenge: "DEVICE_SRP_AUTH" | "DEVICE_PASSWORD_VERIFIER";
    now: Date;
  },
) {
  const { pool, client, now } = request;
  const session = await openSession(deps.store, { token: request.session, client, challenge: request.challenge, now });
  if (session.data.deviceKey !== request.deviceKey) throw invalidSession();
  const user = await findUser(deps.store, pool, request.username);
  if (user === undefined || user.username !== session.username) throw invalidSession();
  if (!user.enabled) throw userDisabled();
  const device = await deps.store.devices.get(pool.id, request.deviceKey);
  if (device === undefined || !rememberedDeviceOf(device, user)) throw invalidSession();
  return { session, user, device };
}
