import { OperatorError } from "../../errors/operatorError.js";
import { retireSigningKeys } from "../../domain/tokens/signingKeys.js";
import type { Deps, RequestContext } from "../types.js";
import { runCommand } from "./run.js";

/** `cognate keys rotate`: the pool's signing keys are retired; the next token is signed with new ones. */
export function rotateSigningKeysCommand(deps: Deps, ctx: RequestContext, poolId: string): Promise<void> {
  return runCommand(deps, ctx, "RotateSigningKeys", { poolId }, async (audit) => {
    if ((await deps.store.pools.get(poolId)) === undefined) throw new OperatorError(`user pool ${poolId} does not exist`);
    await deps.store.transaction(async (tx) => {
      await retireSigningKeys(tx, poolId, ctx.now);
      await audit.recordChange(tx);
    });
  });
}
