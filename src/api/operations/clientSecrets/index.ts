import type { OperationTable } from "../../types.js";
import { addUserPoolClientSecret } from "./addUserPoolClientSecret.js";
import { deleteUserPoolClientSecret } from "./deleteUserPoolClientSecret.js";
import { listUserPoolClientSecrets } from "./listUserPoolClientSecrets.js";

/** The client-secrets family: up to two secrets per confidential client, for rotation without downtime. */
export const clientSecretsOperations = {
  AddUserPoolClientSecret: addUserPoolClientSecret,
  DeleteUserPoolClientSecret: deleteUserPoolClientSecret,
  ListUserPoolClientSecrets: listUserPoolClientSecrets,
} satisfies OperationTable;
