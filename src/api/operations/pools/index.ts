import type { OperationTable } from "../../types.js";
import { addCustomAttributes } from "./addCustomAttributes.js";
import { createUserPool } from "./createUserPool.js";
import { deleteUserPool } from "./deleteUserPool.js";
import { describeUserPool } from "./describeUserPool.js";
import { listUserPools } from "./listUserPools.js";
import { updateUserPool } from "./updateUserPool.js";

/** The pools family: one line per operation, keyed by the handler's own operation name. */
export const poolsOperations = {
  AddCustomAttributes: addCustomAttributes,
  CreateUserPool: createUserPool,
  DeleteUserPool: deleteUserPool,
  DescribeUserPool: describeUserPool,
  ListUserPools: listUserPools,
  UpdateUserPool: updateUserPool,
} satisfies OperationTable;
