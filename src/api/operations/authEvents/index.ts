import type { OperationTable } from "../../types.js";
import { adminListUserAuthEvents } from "./adminListUserAuthEvents.js";
import { adminUpdateAuthEventFeedback } from "./adminUpdateAuthEventFeedback.js";
import { updateAuthEventFeedback } from "./updateAuthEventFeedback.js";

/** The auth-events family: the sign-ins threat protection records, and their rating. */
export const authEventsOperations = {
  AdminListUserAuthEvents: adminListUserAuthEvents,
  AdminUpdateAuthEventFeedback: adminUpdateAuthEventFeedback,
  UpdateAuthEventFeedback: updateAuthEventFeedback,
} satisfies OperationTable;
