import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireUserImportJob, toUserImportJobType } from "../../../domain/userImport/jobs.js";

export const describeUserImportJob = defineOperation("DescribeUserImportJob", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const job = await requireUserImportJob(deps.store, pool.id, input.JobId);
  return { UserImportJob: toUserImportJobType(job, { publicUrl: deps.publicUrl(), now: ctx.now }) };
});
