import { sql, type Kysely, type Selectable } from "kysely";
import type { SecretCipher } from "../secrets.js";
import type { MessageChannel, MessageKind, OutboxMessage } from "../../domain/messages/types.js";
import type { OutboxQuery, OutboxStore } from "../../domain/ports/store.js";
import { pageLimit } from "./paging.js";
import { deleteBatch } from "./sweep.js";
import type { Database, OutboxTable } from "./schema.js";

export class SqlOutboxStore implements OutboxStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** Bodies carry temporary passwords and codes, destinations a held-back new address: sealed, with the code. */
    private readonly cipher: SecretCipher,
  ) {}

  async add(message: OutboxMessage): Promise<void> {
    await this.db
      .insertInto("outbox")
      .values({
        id: message.id,
        pool_id: message.poolId,
        username: message.username,
        channel: message.channel,
        destination: this.cipher.seal(message.destination),
        subject: message.subject,
        body: this.cipher.seal(message.body),
        code: message.code === null ? null : this.cipher.seal(message.code),
        kind: message.kind,
        created_at: message.createdAt.getTime(),
      })
      .execute();
  }

  async list(query: OutboxQuery): Promise<OutboxMessage[]> {
    let select = this.db
      .selectFrom("outbox")
      .selectAll()
      .orderBy("seq", query.newestFirst === true ? "desc" : "asc")
      .limit(pageLimit({ limit: query.limit }));
    if (query.poolId !== undefined) select = select.where("pool_id", "=", query.poolId);
    if (query.username !== undefined) select = select.where("username", "=", query.username);
    const rows = await select.execute();
    return rows.map((row) => toMessage(row, this.cipher));
  }

  deleteBefore(before: Date, limit: number): Promise<number> {
    return deleteBatch(this.db, "outbox", ["seq"], sql<boolean>`created_at < ${before.getTime()}`, limit);
  }
}

function toMessage(row: Selectable<OutboxTable>, cipher: SecretCipher): OutboxMessage {
  return {
    id: row.id,
    poolId: row.pool_id,
    username: row.username,
    channel: row.channel as MessageChannel,
    destination: cipher.open(row.destination),
    subject: row.subject,
    body: cipher.open(row.body),
    code: row.code === null ? null : cipher.open(row.code),
    kind: row.kind as MessageKind,
    createdAt: new Date(row.created_at),
  };
}
