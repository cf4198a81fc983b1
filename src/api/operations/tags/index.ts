import type { OperationTable } from "../../types.js";
import { listTagsForResource } from "./listTagsForResource.js";
import { tagResource } from "./tagResource.js";
import { untagResource } from "./untagResource.js";

/** The tags family: a pool's tags by its ARN, the same tags CreateUserPool and UpdateUserPool set. */
export const tagsOperations = {
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource,
  UntagResource: untagResource,
} satisfies OperationTable;
