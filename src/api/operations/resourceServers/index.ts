import type { OperationTable } from "../../types.js";
import { createResourceServer } from "./createResourceServer.js";
import { deleteResourceServer } from "./deleteResourceServer.js";
import { describeResourceServer } from "./describeResourceServer.js";
import { listResourceServers } from "./listResourceServers.js";
import { updateResourceServer } from "./updateResourceServer.js";

/** The resource servers family: the APIs a pool issues custom access-token scopes for. */
export const resourceServersOperations = {
  CreateResourceServer: createResourceServer,
  DeleteResourceServer: deleteResourceServer,
  DescribeResourceServer: describeResourceServer,
  ListResourceServers: listResourceServers,
  UpdateResourceServer: updateResourceServer,
} satisfies OperationTable;
