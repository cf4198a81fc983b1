import type { OperationTable } from "../../types.js";
import { getProvisionedLimit } from "./getProvisionedLimit.js";
import { updateProvisionedLimit } from "./updateProvisionedLimit.js";

/** The limits family: the per-category request rates the throttle enforces. */
export const limitsOperations = {
  GetProvisionedLimit: getProvisionedLimit,
  UpdateProvisionedLimit: updateProvisionedLimit,
} satisfies OperationTable;
