import type { Kysely, Selectable } from "kysely";
import type { AuthEventRecord } from "../../domain/authEvents/types.js";
import type { AuthEventStore, Page, PageResult } from "../../domain/ports/store.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { AuthEventsTable, Database } from "./schema.js";

type StoredFeedback = { value: "Valid" | "Invalid"; provider: string; at: number };

export class SqlAuthEventStore implements AuthEventStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(event: AuthEventRecord): Promise<void> {
    await this.db
      .insertInto("auth_events")
      .values({
        event_id: event.eventId,
        pool_id: event.poolId,
        username: event.username,
        event_type: event.type,
        created_at: event.createdAt.getTime(),
        event_response: event.response,
        event_risk: JSON.stringify(event.risk),
        challenge_responses: JSON.stringify(event.challengeResponses),
        context_data: JSON.stringify(event.context),
        feedback: event.feedback === undefined ? null : feedbackJson(event.feedback),
        feedback_token_hash: event.feedbackTokenHash,
      })
      .execute();
  }

  async get(poolId: string, username: string, eventId: string): Promise<AuthEventRecord | undefined> {
    const row = await this.db
      .selectFrom("auth_events")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .where("event_id", "=", eventId)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async setFeedback(poolId: string, username: string, eventId: string, feedback: NonNullable<AuthEventRecord["feedback"]>): Promise<boolean> {
    const result = await this.db
      .updateTable("auth_events")
      .set({ feedback: feedbackJson(feedback) })
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .where("event_id", "=", eventId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async list(poolId: string, username: string, page: Page): Promise<PageResult<AuthEventRecord>> {
    const limit = pageLimit(page);
    const before = pageAfter(page);
    let query = this.db
      .selectFrom("auth_events")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .orderBy("seq", "desc")
      .limit(limit + 1);
    // Newest first: the cursor is the last (oldest) seq returned, and the next page starts below it.
    if (before !== undefined) query = query.where("seq", "<", before);
    return toPage(await query.execute(), limit, (row) => row.seq, toRecord);
  }
}

function feedbackJson(feedback: NonNullable<AuthEventRecord["feedback"]>): string {
  return JSON.stringify({ value: feedback.value, provider: feedback.provider, at: feedback.at.getTime() } satisfies StoredFeedback);
}

function toRecord(row: Selectable<AuthEventsTable>): AuthEventRecord {
  const feedback = row.feedback === null ? undefined : (JSON.parse(row.feedback) as StoredFeedback);
  return {
    eventId: row.event_id,
    poolId: row.pool_id,
    username: row.username,
    type: row.event_type as AuthEventRecord["type"],
    createdAt: new Date(Number(row.created_at)),
    response: row.event_response as AuthEventRecord["response"],
    risk: JSON.parse(row.event_risk) as AuthEventRecord["risk"],
    challengeResponses: JSON.parse(row.challenge_responses) as AuthEventRecord["challengeResponses"],
    context: JSON.parse(row.context_data) as AuthEventRecord["context"],
    ...(feedback === undefined ? {} : { feedback: { value: feedback.value, provider: feedback.provider, at: new Date(feedback.at) } }),
    feedbackTokenHash: row.feedback_token_hash,
  };
}
