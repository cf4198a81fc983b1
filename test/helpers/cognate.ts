import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent as HttpsAgent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { FastifyInstance } from "fastify";
import { createApp, type App, type AppOverrides } from "../../src/app.js";
import { resolveConfig, type Config } from "../../src/config/schema.js";
import { buildServer } from "../../src/http/server.js";
import { loadTls, type TlsMaterial } from "../../src/http/tls.js";
import { quotaCategories } from "../../src/config/rateLimits.js";
import { freshPostgresDatabase } from "./postgres.js";

/** The key every test client signs with (see RunningCognate.client). */
export const TEST_CREDENTIAL = { accessKeyId: "AKIDTESTTESTTEST", secretAccessKey: "test-secret" };

/**
 * Settings for secure mode: a credentials file naming the test clients' key as user "tests" (no policy:
 * everything allowed), and rates far above what a test sends, so AWS's defaults never throttle a test.
 */
export function secureModeEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), "cognate-secure-"));
  const file = join(dir, "credentials.json");
  writeFileSync(file, JSON.stringify({ credentials: [{ name: "tests", ...TEST_CREDENTIAL }] }));
  return {
    COGNATE_CREDENTIALS: file,
    COGNATE_RATE_LIMITS: JSON.stringify(Object.fromEntries(quotaCategories.map((category) => [category, 100_000]))),
  };
}

export type Backend = "sqlite" | "postgres";
export const backends: readonly Backend[] = ["sqlite", "postgres"];

export interface RunningCognate {
  app: App;
  server: FastifyInstance;
  url: string;
  /** Under `tls`, the self-signed certificate served (PEM), for clients to trust. */
  certificate: string | undefined;
  /** An SDK client pointed at this server with dummy credentials (dev mode accepts any key). */
  client(options?: { region?: string; accessKeyId?: string; secretAccessKey?: string }): CognitoIdentityProviderClient;
  close(): Promise<void>;
}

/** A fresh, empty database of the given backend; `cleanup` removes it. */
export async function freshDatabase(backend: Backend): Promise<{ db: string; cleanup(): Promise<void> }> {
  if (backend === "postgres") {
    const database = await freshPostgresDatabase();
    return { db: database.url, cleanup: () => database.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), "cognate-test-"));
  return { db: `sqlite:${join(dir, "cognate.db")}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts a real Cognate HTTP server on a free loopback port. */
export async function startCognate(
  options: { backend?: Backend; db?: string; env?: NodeJS.ProcessEnv; overrides?: AppOverrides; tls?: boolean } = {},
): Promise<RunningCognate> {
  const database = options.db === undefined ? await freshDatabase(options.backend ?? "sqlite") : undefined;
  const tlsFiles = options.tls === true ? await testCertificate() : undefined;
  const config: Config = resolveConfig(
    { port: "0", logLevel: "silent" },
    { ...options.env, ...(tlsFiles === undefined ? {} : { COGNATE_TLS_CERT: tlsFiles.certFile, COGNATE_TLS_KEY: tlsFiles.keyFile }), COGNATE_DB: options.db ?? database!.db },
  );
  const tls = await loadTls(config);
  const app = await createApp(config, options.overrides);
  const server = buildServer(app, tls);
  await server.listen({ host: "127.0.0.1", port: 0 });
  const address = server.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  app.listeningOn(port);
  // The bound address: a test may give a public URL naming a host that does not resolve here.
  const url = `${tls === undefined ? "http" : "https"}://127.0.0.1:${port}`;
  const httpsAgent = tls === undefined ? undefined : new HttpsAgent({ ca: tls.cert });
  const clients: CognitoIdentityProviderClient[] = [];
  return {
    app,
    server,
    url,
    certificate: tls?.cert,
    client(clientOptions = {}) {
      const client = new CognitoIdentityProviderClient({
        endpoint: url,
        region: clientOptions.region ?? "us-east-1",
        credentials: {
          accessKeyId: clientOptions.accessKeyId ?? TEST_CREDENTIAL.accessKeyId,
          secretAccessKey: clientOptions.secretAccessKey ?? TEST_CREDENTIAL.secretAccessKey,
        },
        maxAttempts: 1,
        ...(httpsAgent === undefined ? {} : { requestHandler: { httpsAgent } }),
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      await server.close();
      await app.close();
      await database?.cleanup();
      httpsAgent?.destroy();
    },
  };
}

let certificate: Promise<TlsMaterial & { keyFile: string }> | undefined;

/** One self-signed certificate per test process, generated as `--tls` does, in a directory of its own. */
function testCertificate(): Promise<TlsMaterial & { keyFile: string }> {
  certificate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-tls-"));
    const material = await loadTls(resolveConfig({}, { COGNATE_DB: `sqlite:${join(dir, "unused.db")}`, COGNATE_TLS: "1" }));
    return { ...material!, keyFile: join(dir, "tls", "key.pem") };
  })();
  return certificate;
}
