import type { OperationTable } from "../../types.js";
import { getLogDeliveryConfiguration } from "./getLogDeliveryConfiguration.js";
import { setLogDeliveryConfiguration } from "./setLogDeliveryConfiguration.js";

/** The log-delivery family: where a pool's user-notification and user-activity logs go. */
export const logDeliveryOperations = {
  GetLogDeliveryConfiguration: getLogDeliveryConfiguration,
  SetLogDeliveryConfiguration: setLogDeliveryConfiguration,
} satisfies OperationTable;
