import type { Kysely, Selectable } from "kysely";
import type { AuditEvent, AuditQuery } from "../../domain/audit/types.js";
import type { AuditStore, PageResult } from "../../domain/ports/store.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { AuditEventsTable, Database } from "./schema.js";

/** Append-only: events are never changed or removed through the store. */
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
      .orderBy("seq")
      .limit(limit + 1);
    if (after !== undefined) select = select.where("seq", ">", after);
    if (query.poolId !== undefined) select = select.where("pool_id", "=", query.poolId);
    if (query.username !== undefined) select = select.where("username", "=", query.username);
    if (query.operation !== undefined) select = select.where("operation", "=", query.operation);
    if (query.outcome !== undefined) select = select.where("outcome", "=", query.outcome);
    if (query.since !== undefined) select = select.where("time", ">=", query.since.getTime());
    if (query.until !== undefined) select = select.where("time", "<", query.until.getTime());
    return toPage(await select.execute(), limit, (row) => row.seq, toEvent);
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
