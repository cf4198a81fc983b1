import { defineOperation } from "../../types.js";
import { requireTaggedPool, withoutTags } from "../../../domain/tags/tags.js";

export const untagResource = defineOperation("UntagResource", async (input, deps, ctx) => {
  await deps.store.transaction(async (tx) => {
    const pool = await requireTaggedPool(tx, input.ResourceArn, ctx);
    await tx.pools.update(withoutTags(pool, input.TagKeys));
  });
  return {};
});
