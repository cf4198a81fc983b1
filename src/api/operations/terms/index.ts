import type { OperationTable } from "../../types.js";
import { createTerms } from "./createTerms.js";
import { deleteTerms } from "./deleteTerms.js";
import { describeTerms } from "./describeTerms.js";
import { listTerms } from "./listTerms.js";
import { updateTerms } from "./updateTerms.js";

/** The terms family: an app client's terms-of-use and privacy-policy links. */
export const termsOperations = {
  CreateTerms: createTerms,
  DeleteTerms: deleteTerms,
  DescribeTerms: describeTerms,
  ListTerms: listTerms,
  UpdateTerms: updateTerms,
} satisfies OperationTable;
