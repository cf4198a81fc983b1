import type { Kysely, Selectable } from "kysely";
import type { AuthorizationCodeRecord } from "../../domain/oauth/types.js";
import type { AuthorizationCodeStore } from "../../domain/ports/store.js";
import type { AuthorizationCodesTable, Database } from "./schema.js";

export class SqlAuthorizationCodeStore implements AuthorizationCodeStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(code: AuthorizationCodeRecord): Promise<void> {
    await this.db
      .insertInto("authorization_codes")
      .values({
        id: code.id,
        pool_id: code.poolId,
        client_id: code.clientId,
        username: code.username,
        redirect_uri: code.redirectUri,
        scopes: code.scopes.join(" "),
        nonce: code.nonce ?? null,
        code_challenge: code.codeChallenge ?? null,
        auth_time: code.authTime,
        expires_at: code.expiresAt.getTime(),
      })
      .execute();
  }

  async take(id: string): Promise<AuthorizationCodeRecord | undefined> {
    // DELETE … RETURNING (SQLite 3.35+, PostgreSQL): reading and removing are one statement.
    const row = await this.db.deleteFrom("authorization_codes").where("id", "=", id).returningAll().executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }
}

function toRecord(row: Selectable<AuthorizationCodesTable>): AuthorizationCodeRecord {
  return {
    id: row.id,
    poolId: row.pool_id,
    clientId: row.client_id,
    username: row.username,
    redirectUri: row.redirect_uri,
    scopes: row.scopes === "" ? [] : row.scopes.split(" "),
    ...(row.nonce === null ? {} : { nonce: row.nonce }),
    ...(row.code_challenge === null ? {} : { codeChallenge: row.code_challenge }),
    authTime: Number(row.auth_time),
    expiresAt: new Date(Number(row.expires_at)),
  };
}
