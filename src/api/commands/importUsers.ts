import { OperatorError } from "../../errors/operatorError.js";
import { importUsers, type ImportSummary } from "../../domain/users/importUsers.js";
import type { Deps, RequestContext } from "../types.js";
import { runCommand } from "./run.js";

/** `cognate import`: the users of a Cognito user-import CSV, created in the pool as of the request's clock. */
export function importUsersCommand(
  deps: Deps,
  ctx: RequestContext,
  poolId: string,
  csv: AsyncIterable<string>,
  onRows?: (rows: number) => void,
): Promise<ImportSummary> {
  return runCommand(deps, ctx, "ImportUsers", { poolId }, async (audit) => {
    const pool = await deps.store.pools.get(poolId);
    if (pool === undefined) throw new OperatorError(`user pool ${poolId} does not exist`);
    const summary = await importUsers(deps, pool, csv, ctx.now, onRows === undefined ? {} : { onRows });
    audit.note({ imported: summary.imported, refused: summary.refused });
    return summary;
  });
}
