import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { startUserImportJob as startJob, toUserImportJobType } from "../../../domain/userImport/jobs.js";

export const startUserImportJob = defineOperation("StartUserImportJob", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const job = await startJob(deps.store, pool.id, input.JobId, ctx.now);
  // The job runs in the background (api/userImportJobs.ts); this instance takes it up at once if it can.
  deps.userImportJobs?.wake();
  return { UserImportJob: toUserImportJobType(job, { publicUrl: deps.publicUrl(), now: ctx.now }) };
});
