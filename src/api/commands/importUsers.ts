import { OperatorError } from "../../errors/operatorError.js";
import { importUsers, type ImportOptions, type ImportSummary } from "../../domain/users/importUsers.js";
import type { Deps, RequestContext } from "../types.js";
import { runCommand } from "./run.js";

/** `cognate import`: the users of a Cognito user-import CSV, created in the pool as of the request's clock (the routine user import jobs run). */
export function importUsersCommand(
  deps: Deps,
  ctx: RequestContext,
  poolId: string,
  csv: AsyncIterable<string>,
  options: Pick<ImportOptions, "onRows" | "passwordHashingAlgorithm"> = {},
): Promise<ImportSummary> {
  return runCommand(deps, ctx, "ImportUsers", { poolId }, async (audit) => {
    const pool = await deps.store.pools.get(poolId);
    if (pool === undefined) throw new OperatorError(`user pool ${poolId} does not exist`);
    const summary = await importUsers(deps, pool, csv, ctx.now, options);
    audit.note({ imported: summary.imported, refused: summary.refused });
    return summary;
  });
}
