import type { OperationTable } from "../../types.js";
import { getCSVHeader } from "./getCSVHeader.js";

/** The user-import family: the CSV files `cognate import` reads. */
export const userImportOperations = {
  GetCSVHeader: getCSVHeader,
} satisfies OperationTable;
