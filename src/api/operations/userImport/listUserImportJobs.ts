import { defineOperation } from "../../types.js";
import { listPage } from "../../../domain/pagination.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { toUserImportJobType } from "../../../domain/userImport/jobs.js";

export const listUserImportJobs = defineOperation("ListUserImportJobs", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const context = { publicUrl: deps.publicUrl(), now: ctx.now };
  return listPage(
    {
      scope: `userImportJobs:${pool.id}`,
      limit: input.MaxResults,
      nextToken: input.PaginationToken,
      itemsMember: "UserImportJobs",
      tokenMember: "PaginationToken",
    },
    (page) => deps.store.userImportJobs.list(pool.id, page),
    (job) => toUserImportJobType(job, context),
  );
});
