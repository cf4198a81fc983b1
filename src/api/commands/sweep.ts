import { sweepAll, sweepKinds, type SweepCounts, type SweepPolicy } from "../sweep.js";
import type { Deps, RequestContext } from "../types.js";
import { runCommand } from "./run.js";

/** `cognate sweep`: every row expired as of the request's clock reading, removed now in bounded batches. */
export function sweepCommand(deps: Deps, ctx: RequestContext, policy: SweepPolicy): Promise<SweepCounts> {
  return runCommand(deps, ctx, "Sweep", {}, async (audit) => {
    const counts = await sweepAll(deps.store, ctx.now, policy);
    audit.note(Object.fromEntries(sweepKinds.map((kind) => [kind, counts[kind]])));
    return counts;
  });
}
