import type { OperationTable } from "../../types.js";
import { completeWebAuthnRegistration } from "./completeWebAuthnRegistration.js";
import { deleteWebAuthnCredential } from "./deleteWebAuthnCredential.js";
import { listWebAuthnCredentials } from "./listWebAuthnCredentials.js";
import { startWebAuthnRegistration } from "./startWebAuthnRegistration.js";

/** The passkey family: a signed-in user registers, lists and deletes their passkeys (docs/behaviour.md#passkeys). */
export const webAuthnOperations = {
  CompleteWebAuthnRegistration: completeWebAuthnRegistration,
  DeleteWebAuthnCredential: deleteWebAuthnCredential,
  ListWebAuthnCredentials: listWebAuthnCredentials,
  StartWebAuthnRegistration: startWebAuthnRegistration,
} satisfies OperationTable;
