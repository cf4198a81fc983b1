import type { OperationTable } from "../../types.js";
import { adminSetUserMFAPreference } from "./adminSetUserMFAPreference.js";
import { adminSetUserSettings } from "./adminSetUserSettings.js";
import { associateSoftwareToken } from "./associateSoftwareToken.js";
import { getUserPoolMfaConfig } from "./getUserPoolMfaConfig.js";
import { setUserMFAPreference } from "./setUserMFAPreference.js";
import { setUserPoolMfaConfig } from "./setUserPoolMfaConfig.js";
import { setUserSettings } from "./setUserSettings.js";
import { verifySoftwareToken } from "./verifySoftwareToken.js";

/** The MFA family: pool MFA configuration and users' second factors. */
export const mfaOperations = {
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AdminSetUserSettings: adminSetUserSettings,
  AssociateSoftwareToken: associateSoftwareToken,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserMFAPreference: setUserMFAPreference,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  SetUserSettings: setUserSettings,
  VerifySoftwareToken: verifySoftwareToken,
} satisfies OperationTable;
