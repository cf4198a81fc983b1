import type { OperationTable } from "../../types.js";
import { adminGetUserAuthFactors } from "./adminGetUserAuthFactors.js";
import { adminSetUserMFAPreference } from "./adminSetUserMFAPreference.js";
import { adminSetUserSettings } from "./adminSetUserSettings.js";
import { associateSoftwareToken } from "./associateSoftwareToken.js";
import { getUserAuthFactors } from "./getUserAuthFactors.js";
import { getUserPoolMfaConfig } from "./getUserPoolMfaConfig.js";
import { setUserMFAPreference } from "./setUserMFAPreference.js";
import { setUserPoolMfaConfig } from "./setUserPoolMfaConfig.js";
import { setUserSettings } from "./setUserSettings.js";
import { verifySoftwareToken } from "./verifySoftwareToken.js";

/** The MFA family: pool MFA configuration, users' second factors and the factors they sign in with. */
export const mfaOperations = {
  AdminGetUserAuthFactors: adminGetUserAuthFactors,
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AdminSetUserSettings: adminSetUserSettings,
  AssociateSoftwareToken: associateSoftwareToken,
  GetUserAuthFactors: getUserAuthFactors,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserMFAPreference: setUserMFAPreference,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  SetUserSettings: setUserSettings,
  VerifySoftwareToken: verifySoftwareToken,
} satisfies OperationTable;
