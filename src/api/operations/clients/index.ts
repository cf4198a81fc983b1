import type { OperationTable } from "../../types.js";
import { createUserPoolClient } from "./createUserPoolClient.js";
import { deleteUserPoolClient } from "./deleteUserPoolClient.js";
import { describeUserPoolClient } from "./describeUserPoolClient.js";
import { listUserPoolClients } from "./listUserPoolClients.js";
import { updateUserPoolClient } from "./updateUserPoolClient.js";

/** The clients family: one line per operation, keyed by the handler's own operation name. */
export const clientsOperations = {
  CreateUserPoolClient: createUserPoolClient,
  DeleteUserPoolClient: deleteUserPoolClient,
  DescribeUserPoolClient: describeUserPoolClient,
  ListUserPoolClients: listUserPoolClients,
  UpdateUserPoolClient: updateUserPoolClient,
} satisfies OperationTable;
