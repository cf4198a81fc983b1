import type { OperationTable } from "../../types.js";
import { adminUserGlobalSignOut } from "./adminUserGlobalSignOut.js";
import { getTokensFromRefreshToken } from "./getTokensFromRefreshToken.js";
import { globalSignOut } from "./globalSignOut.js";
import { revokeToken } from "./revokeToken.js";

/** The tokens family: one line per operation, keyed by the handler's own operation name. */
export const tokensOperations = {
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  GlobalSignOut: globalSignOut,
  RevokeToken: revokeToken,
} satisfies OperationTable;
