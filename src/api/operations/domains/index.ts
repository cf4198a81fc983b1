import type { OperationTable } from "../../types.js";
import { createUserPoolDomain } from "./createUserPoolDomain.js";
import { deleteUserPoolDomain } from "./deleteUserPoolDomain.js";
import { describeUserPoolDomain } from "./describeUserPoolDomain.js";
import { updateUserPoolDomain } from "./updateUserPoolDomain.js";

/** The domains family: the host a pool's managed login pages and OAuth 2.0 endpoints answer on. */
export const domainsOperations = {
  CreateUserPoolDomain: createUserPoolDomain,
  DeleteUserPoolDomain: deleteUserPoolDomain,
  DescribeUserPoolDomain: describeUserPoolDomain,
  UpdateUserPoolDomain: updateUserPoolDomain,
} satisfies OperationTable;
