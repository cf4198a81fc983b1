import type { OperationTable } from "../../types.js";
import { adminAddUserToGroup } from "./adminAddUserToGroup.js";
import { adminListGroupsForUser } from "./adminListGroupsForUser.js";
import { adminRemoveUserFromGroup } from "./adminRemoveUserFromGroup.js";
import { createGroup } from "./createGroup.js";
import { deleteGroup } from "./deleteGroup.js";
import { getGroup } from "./getGroup.js";
import { listGroups } from "./listGroups.js";
import { listUsersInGroup } from "./listUsersInGroup.js";
import { updateGroup } from "./updateGroup.js";

/** The groups family: one line per operation, keyed by the handler's own operation name. */
export const groupsOperations = {
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminListGroupsForUser: adminListGroupsForUser,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  CreateGroup: createGroup,
  DeleteGroup: deleteGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  ListUsersInGroup: listUsersInGroup,
  UpdateGroup: updateGroup,
} satisfies OperationTable;
