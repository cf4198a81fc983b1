import { defineOperation } from "../../types.js";
import { requireTaggedPool, tagsOf } from "../../../domain/tags/tags.js";

export const listTagsForResource = defineOperation("ListTagsForResource", async (input, deps, ctx) => {
  const pool = await requireTaggedPool(deps.store, input.ResourceArn, ctx);
  return { Tags: tagsOf(pool) };
});
