import type { OperationTable } from "../../types.js";
import { adminSetUserMFAPreference } from "./adminSetUserMFAPreference.js";
import { adminSetUserSettings } from "./adminSetUserSettings.js";
import { getUserPoolMfaConfig } from "./getUserPoolMfaConfig.js";
import { setUserMFAPreference } from "./setUserMFAPreference.js";
import { setUserPoolMfaConfig } from "./setUserPoolMfaConfig.js";
import { setUserSettings } from "./setUserSettings.js";

/** The MFA family: pool MFA configuration and users' second factors. */
export const mfaOperations = {
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AdminSetUserSettings: adminSetUserSettings,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserMFAPreference: setUserMFAPreference,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  SetUserSettings: setUserSettings,
} satisfies OperationTable;
