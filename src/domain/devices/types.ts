import type { DeviceRememberedStatusType } from "@aws-sdk/client-cognito-identity-provider";

/** A device a user signed in from in a pool that tracks devices (docs/behaviour.md#devices). */
export interface DeviceRecord {
  poolId: string;
  /** The owner's `sub`: a namesake created after the owner is deleted never inherits the device. */
  userSub: string;
  /** `<region>_<uuid>`, unique in the pool. */
  deviceKey: string;
  /** The group the device's SRP identity is hashed under, handed out with the key. */
  deviceGroupKey: string;
  /** Set by ConfirmDevice: the device's SRP salt and verifier, lower-case hex (the verifier sealed at rest). */
  secret?: { salt: string; verifier: string };
  /** Undefined until ConfirmDevice. */
  rememberedStatus?: DeviceRememberedStatusType;
  name?: string;
  lastIp?: string;
  createdAt: Date;
  lastModifiedAt: Date;
  lastAuthenticatedAt: Date;
}
