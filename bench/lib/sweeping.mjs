// Sweeping's cost to sign-in: USER_PASSWORD_AUTH measured on one database with the sweeper off, then while the
// sweeper works off a backlog of expired challenge sessions and audit events past retention (a server left
// months without sweeping), with the same load generator, concurrency, duration and rounds.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';

/** Rows of each swept kind in the backlog: more than the sweeper removes while the sign-ins are measured. */
export const SWEEP_BACKLOG = 400_000;

/**
 * Writes the backlog straight into the stopped server's SQLite file (better-sqlite3 from the root package, as
 * Cognate opens it): challenge sessions that expired at the epoch, audit events from the epoch.
 */
export function seedBacklog(root, dbFile, poolId, rows) {
  const Database = createRequire(join(root, 'package.json'))('better-sqlite3');
  const db = new Database(dbFile);
  try {
    db.pragma('journal_mode = WAL');
    const session = db.prepare(
      "insert into auth_sessions (id, pool_id, client_id, username, challenge, created_at, expires_at, data) values (?, ?, 'bench', 'nobody', 'PASSWORD_VERIFIER', 0, 1, '{}')",
    );
    const event = db.prepare("insert into audit_events (id, time, request_id, actor, operation, outcome) values (?, 1, ?, 'bench', 'InitiateAuth', 'success')");
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        session.run(`bench-${i}`, poolId);
        event.run(randomUUID(), randomUUID());
      }
    })();
  } finally {
    db.close();
  }
}

/** How many backlog rows are left. */
export function backlogLeft(root, dbFile) {
  const Database = createRequire(join(root, 'package.json'))('better-sqlite3');
  const db = new Database(dbFile, { readonly: true });
  try {
    return {
      sessions: db.prepare("select count(*) from auth_sessions where id like 'bench-%'").pluck().get(),
      auditEvents: db.prepare('select count(*) from audit_events where time = 1').pluck().get(),
    };
  } finally {
    db.close();
  }
}

/** Long enough for the sweeper's first batches (interval 1 s) to be under way when measuring starts. */
export const waitForFirstSweep = () => sleep(1500);
