import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { newUserImportJob, toUserImportJobType } from "../../../domain/userImport/jobs.js";

export const createUserImportJob = defineOperation("CreateUserImportJob", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const job = newUserImportJob(input, { poolId: pool.id, random: deps.random, now: ctx.now });
  await deps.store.userImportJobs.create(job);
  return { UserImportJob: toUserImportJobType(job, { publicUrl: deps.publicUrl(), now: ctx.now }) };
});
