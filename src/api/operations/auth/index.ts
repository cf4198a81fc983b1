import type { OperationTable } from "../../types.js";
import { adminInitiateAuth } from "./adminInitiateAuth.js";
import { adminRespondToAuthChallenge } from "./adminRespondToAuthChallenge.js";
import { initiateAuth } from "./initiateAuth.js";
import { respondToAuthChallenge } from "./respondToAuthChallenge.js";

/** The auth family: one line per operation, keyed by the handler's own operation name. */
export const authOperations = {
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
} satisfies OperationTable;
