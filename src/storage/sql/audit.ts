import { sql, type Kysely, type Selectable } from "kysely";
import type { AuditEvent, AuditQuery } from "../../domain/audit/types.js";
import type { AuditStore, PageResult } from "../../domain/ports/store.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { AuditEventsTable, Database } from "./schema.js";
import { deleteBatch } from "./sweep.js";

/** The settings row holding the seq of the last event `cognate audit --export` wrote. */
const EXPORT_MARK_KEY = "audit_exported_seq";

/** Append-only: events are never changed, and removed only by age (retention). */
export class SqlAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(event: AuditEvent): Promise<void> {
    await this.db
      .insertInto("audit_events")
      .values({
        id: event.id,
        time: event.time.getTime(),
        request_id: event.requestId,
        actor: event.actor,
        source_ip: event.sourceIp ?? null,
        operation: event.operation,
        pool_id: event.poolId ?? null,
        username: event.username ?? null,
        outcome: event.outcome,
        error_type: event.errorType ?? null,
        details: event.details === undefined ? null : JSON.stringify(event.details),
      })
      .execute();
  }

  async list(query: AuditQuery): Promise<PageResult<AuditEvent>> {
    const limit = pageLimit(query);
    const after = pageAfter(query);
    let select = this.db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", query.newestFirst === true ? "desc" : "asc")
      .limit(limit + 1);
    if (after !== undefined) select = select.where("seq", query.newestFirst === true ? "<" : ">", after);
    if (query.poolId !== undefined) select = select.where("pool_id", "=", query.poolId);
    if (query.username !== undefined) select = select.where("username", "=", query.username);
    if (query.operation !== undefined) select = select.where("operation", "=", query.operation);
    if (query.actor !== undefined) select = select.where("actor", "=", query.actor);
    if (query.outcome !== undefined) select = select.where("outcome", "=", query.outcome);
    if (query.since !== undefined) select = select.where("time", ">=", query.since.getTime());
    if (query.until !== undefined) select = select.where("time", "<", query.until.getTime());
    return toPage(await select.execute(), limit, (row) => row.seq, toEvent);
  }

  deleteBefore(before: Date, limit: number): Promise<number> {
    return deleteBatch(this.db, "audit_events", ["seq"], sql<boolean>`time < ${before.getTime()}`, limit);
  }

  async unexported(limit: number): Promise<{ items: AuditEvent[]; through?: string }> {
    const mark = await this.db.selectFrom("settings").select("value").where("key", "=", EXPORT_MARK_KEY).executeTakeFirst();
    const rows = await this.db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", ">", mark?.value ?? 0)
      .orderBy("seq")
      .limit(pageLimit({ limit }))
      .execute();
    const last = rows.at(-1);
    return last === undefined ? { items: [] } : { items: rows.map(toEvent), through: String(last.seq) };
  }

  async markExported(through: string): Promise<void> {
    const seq = pageAfter({ limit: 1, after: through })!;
    // One upsert keeping the greater mark: two exports finishing in any order never move it back.
    await this.db
      .insertInto("settings")
      .values({ key: EXPORT_MARK_KEY, value: seq })
      .onConflict((conflict) =>
        conflict.column("key").doUpdateSet((eb) => ({
          value: sql<number>`case when ${eb.ref("excluded.value")} > ${eb.ref("settings.value")} then ${eb.ref("excluded.value")} else ${eb.ref("settings.value")} end`,
        })),
      )
      .execute();
  }
}

function toEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: row.id,
    time: new Date(row.time),
    requestId: row.request_id,
    actor: row.actor,
    ...(row.source_ip === null ? {} : { sourceIp: row.source_ip }),
    operation: row.operation,
    ...(row.pool_id === null ? {} : { poolId: row.pool_id }),
    ...(row.username === null ? {} : { username: row.username }),
    outcome: row.outcome as AuditEvent["outcome"],
    ...(row.error_type === null ? {} : { errorType: row.error_type }),
    ...(row.details === null ? {} : { details: JSON.parse(row.details) as AuditEvent["details"] }),
  };
}
