import { randomBytes } from "node:crypto";
import pg from "pg";

/** A database of its own on the test cluster; `drop` removes it, closing any connections still open. */
export interface FreshPostgresDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates a uniquely named, empty database on the cluster named by COGNATE_TEST_POSTGRES_URL. */
export async function freshPostgresDatabase(): Promise<FreshPostgresDatabase> {
  const serverUrl = process.env.COGNATE_TEST_POSTGRES_URL;
  if (serverUrl === undefined || serverUrl === "") {
    // Fail rather than skip: a backend that silently does not run must not look like a green build.
    throw new Error("COGNATE_TEST_POSTGRES_URL is not set: run the tests with `npm test`, which starts a throwaway PostgreSQL");
  }
  const name = `cognate_test_${process.pid}_${randomBytes(6).toString("hex")}`;
  await onMaintenanceDatabase(serverUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await onMaintenanceDatabase(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/** CREATE/DROP DATABASE cannot run on the database they target: use the server's `postgres` database. */
async function onMaintenanceDatabase(serverUrl: string, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
