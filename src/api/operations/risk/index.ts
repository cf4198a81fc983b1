import type { OperationTable } from "../../types.js";
import { describeRiskConfiguration } from "./describeRiskConfiguration.js";
import { setRiskConfiguration } from "./setRiskConfiguration.js";

/** The risk family: threat protection's settings for a pool and its app clients. */
export const riskOperations = {
  DescribeRiskConfiguration: describeRiskConfiguration,
  SetRiskConfiguration: setRiskConfiguration,
} satisfies OperationTable;
