import type { OperationTable } from "../../types.js";
import { getUserPoolMfaConfig } from "./getUserPoolMfaConfig.js";
import { setUserPoolMfaConfig } from "./setUserPoolMfaConfig.js";

/** The MFA family: pool MFA configuration and users' second factors. */
export const mfaOperations = {
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
} satisfies OperationTable;
