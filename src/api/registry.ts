import type { OperationTable } from "./types.js";
import { createUserPool } from "./operations/createUserPool.js";
import { deleteUserPool } from "./operations/deleteUserPool.js";
import { describeUserPool } from "./operations/describeUserPool.js";
import { listUserPools } from "./operations/listUserPools.js";

/** Every implemented operation, one line each; the key must be the handler's own operation. */
export const registry = {
  CreateUserPool: createUserPool,
  DeleteUserPool: deleteUserPool,
  DescribeUserPool: describeUserPool,
  ListUserPools: listUserPools,
} satisfies OperationTable;
