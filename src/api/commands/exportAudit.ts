import type { Deps, RequestContext } from "../types.js";
import { runCommand } from "./run.js";

const EXPORT_PAGE = 500;

/**
 * `cognate audit --export`: every event not exported before, oldest first, one JSON line each, so that a
 * periodic export ships each event once before retention drops it. The mark moves only after a page was
 * written: an interrupted export repeats at most one page next time.
 */
export function exportAuditCommand(deps: Deps, ctx: RequestContext, write: (line: string) => Promise<void>): Promise<number> {
  return runCommand(deps, ctx, "ExportAudit", {}, async (audit) => {
    let exported = 0;
    for (;;) {
      const page = await deps.store.audit.unexported(EXPORT_PAGE);
      if (page.through === undefined) break;
      for (const event of page.items) await write(JSON.stringify(event));
      await deps.store.audit.markExported(page.through);
      exported += page.items.length;
    }
    audit.note({ exported });
    return exported;
  });
}
