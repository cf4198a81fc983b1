import { defineOperation } from "../../types.js";
import { requireTaggedPool, withTags } from "../../../domain/tags/tags.js";

export const tagResource = defineOperation("TagResource", async (input, deps, ctx) => {
  await deps.store.transaction(async (tx) => {
    const pool = await requireTaggedPool(tx, input.ResourceArn, ctx);
    await tx.pools.update(withTags(pool, input.Tags));
  });
  return {};
});
