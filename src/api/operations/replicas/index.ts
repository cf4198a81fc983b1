import type { OperationTable } from "../../types.js";
import { createUserPoolReplica } from "./createUserPoolReplica.js";
import { deleteUserPoolReplica } from "./deleteUserPoolReplica.js";
import { listUserPoolReplicas } from "./listUserPoolReplicas.js";
import { updateUserPoolReplica } from "./updateUserPoolReplica.js";

/** The replicas family: a pool's secondary regions, recorded only (docs/behaviour.md#replicas). */
export const replicasOperations = {
  CreateUserPoolReplica: createUserPoolReplica,
  DeleteUserPoolReplica: deleteUserPoolReplica,
  ListUserPoolReplicas: listUserPoolReplicas,
  UpdateUserPoolReplica: updateUserPoolReplica,
} satisfies OperationTable;
