import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { stopUserImportJob as stopJob, toUserImportJobType } from "../../../domain/userImport/jobs.js";

export const stopUserImportJob = defineOperation("StopUserImportJob", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const job = await stopJob(deps.store, pool.id, input.JobId, ctx.now);
  return { UserImportJob: toUserImportJobType(job, { publicUrl: deps.publicUrl(), now: ctx.now }) };
});
