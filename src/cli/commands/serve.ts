import type { Command } from "commander";
import { createApp } from "../../app.js";
import { buildServer } from "../../http/server.js";
import { loadTls } from "../../http/tls.js";
import { addSettingFlags, configFrom } from "../settings.js";

export function registerServe(program: Command): void {
  addSettingFlags(program.command("serve").description("serve the Cognito API (what `npm start` runs)")).action(
    async (_options, command: Command) => {
      const config = configFrom(command);
      // Certificate files are read before storage is opened: a bad one stops us with nothing opened.
      const tls = await loadTls(config);
      const app = await createApp(config);
      // The seed is applied before anything listens: a ready server has every seeded pool.
      if (config.seed !== undefined) {
        const seeded = await app.commands.applySeedFile(config.seed);
        app.log.info({ seed: config.seed, pools: Object.values(seeded.pools).map((pool) => pool.id) }, "seed applied");
      }
      const server = buildServer(app, tls);
      server.log.info({ mode: app.mode, db: redactDb(config.db), controlApi: app.controlApi }, `cognate starting in ${app.mode} mode`);
      if (tls !== undefined) {
        server.log.info(
          { certificate: tls.certFile, sha256Fingerprint: tls.fingerprint, generated: tls.generated },
          `serving HTTPS with ${tls.generated ? "a newly generated" : "the"} certificate ${tls.certFile} (SHA-256 ${tls.fingerprint})`,
        );
      }
      const address = await server.listen({ host: config.host, port: config.port });
      const port = server.server.address();
      app.listeningOn(typeof port === "object" && port !== null ? port.port : config.port);
      const sweeper = app.startSweeper();
      server.log.info(
        { mode: app.mode, address, publicUrl: app.publicUrl() },
        `cognate listening in ${app.mode} mode`,
      );

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        server.log.info({ signal }, "stopping: finishing requests in flight");
        await server.close();
        await sweeper?.stop();
        await app.close();
        process.exit(0);
      };
      process.once("SIGTERM", () => void stop("SIGTERM"));
      process.once("SIGINT", () => void stop("SIGINT"));
    },
  );
}

/** A postgres URL may carry a password. */
function redactDb(db: string): string {
  return db.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
