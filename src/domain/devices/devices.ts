import type {
  AttributeType,
  ConfirmDeviceResponse,
  DeviceRememberedStatusType,
  DeviceSecretVerifierConfigType,
  DeviceType,
  ListDevicesResponse,
  NewDeviceMetadataType,
} from "@aws-sdk/client-cognito-identity-provider";
import { deviceAlreadyConfirmed, deviceNotFound, invalidRefreshToken, missingRequiredParameter } from "../../errors/catalogue.js";
import { listPage } from "../pagination.js";
import type { Store } from "../ports/store.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Random } from "../random.js";
import type { RefreshTokenRecord } from "../tokens/types.js";
import type { UserRecord } from "../users/types.js";
import type { DeviceRecord } from "./types.js";

/*
 * Device tracking (docs/behaviour.md#devices): a pool with a DeviceConfiguration hands every sign-in from a
 * device it does not know a NewDeviceMetadata; ConfirmDevice gives the device its SRP verifier, and the
 * device's status says whether it is remembered.
 */

/** Devices per page when ListDevices / AdminListDevices give no Limit (or 0). */
const DEFAULT_DEVICE_PAGE_SIZE = 10;

/** Whether the pool tracks devices: it has a DeviceConfiguration. */
export function tracksDevices(pool: UserPoolRecord): boolean {
  return pool.config.DeviceConfiguration !== undefined;
}

/**
 * The device a sign-in about to issue tokens comes from, in a pool tracking devices (else undefined): the
 * device DEVICE_KEY names, when it is one of the user's, marked as just used (date and address); for any
 * other sign-in a new, unconfirmed device, whose key and group key go back as NewDeviceMetadata. The tokens
 * are bound to the device (docs/behaviour.md#devices).
 */
export async function deviceForSignIn(
  deps: { store: Store; random: Random },
  request: { pool: UserPoolRecord; user: UserRecord; deviceKey: string | undefined; now: Date; sourceIp?: string | undefined },
): Promise<{ deviceKey: string; metadata?: NewDeviceMetadataType } | undefined> {
  const { pool, user, now } = request;
  if (!tracksDevices(pool)) return undefined;
  const known = request.deviceKey === undefined ? undefined : await deps.store.devices.get(pool.id, request.deviceKey);
  const lastIp = request.sourceIp === undefined ? {} : { lastIp: request.sourceIp };
  if (known !== undefined && known.userSub === user.sub) {
    await deps.store.devices.update({ ...known, ...lastIp, lastAuthenticatedAt: now });
    return { deviceKey: known.deviceKey };
  }
  const device: DeviceRecord = {
    poolId: pool.id,
    userSub: user.sub,
    deviceKey: `${pool.region}_${deps.random.uuid()}`,
    deviceGroupKey: `-${deps.random.bytes(6).toString("base64url")}`,
    ...lastIp,
    createdAt: now,
    lastModifiedAt: now,
    lastAuthenticatedAt: now,
  };
  await deps.store.devices.create(device);
  return { deviceKey: device.deviceKey, metadata: { DeviceKey: device.deviceKey, DeviceGroupKey: device.deviceGroupKey } };
}

/**
 * A refresh of a token bound to a device (docs/behaviour.md#devices): it must name that device
 * (`DEVICE_KEY`; with `presentedOnly`, GetTokensFromRefreshToken's optional DeviceKey, only when given), and
 * the device must still be there (ForgetDevice ends its tokens). Anything else is Cognito's
 * `Invalid Refresh Token.`, as for a token of another device.
 */
export async function checkRefreshDevice(
  store: Store,
  request: { token: RefreshTokenRecord; deviceKey: string | undefined; presentedOnly?: boolean },
): Promise<void> {
  const { token, deviceKey } = request;
  if (token.deviceKey === undefined) return;
  if (deviceKey !== token.deviceKey && !(request.presentedOnly === true && deviceKey === undefined)) throw invalidRefreshToken();
  if ((await store.devices.get(token.poolId, token.deviceKey)) === undefined) throw invalidRefreshToken();
}

/**
 * ConfirmDevice: the device's SRP salt and verifier (base64, as the SDKs send them) and an optional name.
 * `UserConfirmationNecessary` is the pool's DeviceOnlyRememberedOnUserPrompt: then the device stays
 * not_remembered until the user says otherwise (UpdateDeviceStatus); else it is remembered at once.
 */
export async function confirmDevice(
  store: Store,
  request: { pool: UserPoolRecord; user: UserRecord; deviceKey: string; verifier: DeviceSecretVerifierConfigType | undefined; name?: string | undefined; now: Date },
): Promise<ConfirmDeviceResponse> {
  const { pool, user, now } = request;
  const device = await requireDevice(store, pool, user, request.deviceKey);
  if (device.secret !== undefined) throw deviceAlreadyConfirmed();
  const salt = request.verifier?.Salt;
  const verifier = request.verifier?.PasswordVerifier;
  if (salt === undefined || salt === "") throw missingRequiredParameter("DeviceSecretVerifierConfig.Salt");
  if (verifier === undefined || verifier === "") throw missingRequiredParameter("DeviceSecretVerifierConfig.PasswordVerifier");
  const userPrompt = pool.config.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt === true;
  await store.devices.update({
    ...device,
    secret: { salt: Buffer.from(salt, "base64").toString("hex"), verifier: Buffer.from(verifier, "base64").toString("hex") },
    rememberedStatus: userPrompt ? "not_remembered" : "remembered",
    ...(request.name === undefined ? {} : { name: request.name }),
    lastModifiedAt: now,
  });
  return { UserConfirmationNecessary: userPrompt };
}

/** The user's device by key; another user's, or none, is ResourceNotFoundException. */
export async function requireDevice(store: Store, pool: UserPoolRecord, user: UserRecord, deviceKey: string): Promise<DeviceRecord> {
  const device = await store.devices.get(pool.id, deviceKey);
  if (device === undefined || device.userSub !== user.sub) throw deviceNotFound();
  return device;
}

/** UpdateDeviceStatus / AdminUpdateDeviceStatus: remembered or not_remembered; without a status nothing changes. */
export async function updateDeviceStatus(
  store: Store,
  request: { pool: UserPoolRecord; user: UserRecord; deviceKey: string; status: DeviceRememberedStatusType | undefined; now: Date },
): Promise<Record<string, never>> {
  const device = await requireDevice(store, request.pool, request.user, request.deviceKey);
  if (request.status !== undefined) {
    await store.devices.update({ ...device, rememberedStatus: request.status, lastModifiedAt: request.now });
  }
  return {};
}

/** ForgetDevice / AdminForgetDevice: the device is gone, with its verifier; signing in from it makes a new one. */
export async function forgetDevice(store: Store, request: { pool: UserPoolRecord; user: UserRecord; deviceKey: string }): Promise<Record<string, never>> {
  if (!(await store.devices.delete(request.pool.id, request.user.sub, request.deviceKey))) throw deviceNotFound();
  return {};
}

/** ListDevices / AdminListDevices: the user's devices in creation order, paged by PaginationToken. */
export async function listDevices(
  store: Store,
  request: { pool: UserPoolRecord; user: UserRecord; limit: number | undefined; paginationToken: string | undefined },
): Promise<ListDevicesResponse> {
  const { pool, user } = request;
  const limit = request.limit === undefined || request.limit === 0 ? DEFAULT_DEVICE_PAGE_SIZE : request.limit;
  return listPage(
    { scope: `devices:${pool.id}:${user.sub}`, limit, nextToken: request.paginationToken, itemsMember: "Devices", tokenMember: "PaginationToken" },
    (page) => store.devices.listForUser(pool.id, user.sub, page),
    toDeviceType,
  );
}

/** A device as GetDevice and ListDevices describe it. */
export function toDeviceType(device: DeviceRecord): DeviceType {
  const attributes: AttributeType[] = [
    { Name: "device_status", Value: "valid" },
    ...(device.name === undefined ? [] : [{ Name: "device_name", Value: device.name }]),
    ...(device.rememberedStatus === undefined ? [] : [{ Name: "dev:device_remembered_status", Value: device.rememberedStatus }]),
    ...(device.lastIp === undefined ? [] : [{ Name: "last_ip_used", Value: device.lastIp }]),
  ];
  return {
    DeviceKey: device.deviceKey,
    DeviceAttributes: attributes,
    DeviceCreateDate: device.createdAt,
    DeviceLastModifiedDate: device.lastModifiedAt,
    DeviceLastAuthenticatedDate: device.lastAuthenticatedAt,
  };
}
