// `npm run build`, second step: bundles the compiled CLI (dist/src/cli/index.js) into dist/bundle/ so that
// `cognate serve` starts by reading a handful of files instead of ~600 small modules (issue 19's cold start).
// Only the packages every start needs are bundled (STARTUP_PACKAGES and what they import); any other package
// stays an ordinary import, so it loads lazily and with Node's own CommonJS interop, exactly as under tsc.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STARTUP_PACKAGES = new Set(["kysely", "fastify", "pino", "commander", "jose"]);
/** Packages a bundled one requires only on paths Cognate never takes (route schemas, inject()): left out. */
const NEVER_LOADED = new Set(["@fastify/ajv-compiler", "@fastify/fast-json-stringify-compiler", "light-my-request"]);

/** The package name of a bare import specifier (`@scope/name/sub` → `@scope/name`). */
const packageName = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

const startupPackagesOnly = {
  name: "startup-packages-only",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:") || NEVER_LOADED.has(packageName(args.path))) return { path: args.path, external: true };
      // Imports made by a bundled package are bundled with it; our own code bundles only the startup packages.
      const fromOurCode = !args.importer.includes("/node_modules/");
      if (fromOurCode && !STARTUP_PACKAGES.has(packageName(args.path))) return { path: args.path, external: true };
      return undefined;
    });
  },
};

rmSync(`${ROOT}dist/bundle`, { recursive: true, force: true });
await build({
  entryPoints: { cli: `${ROOT}dist/src/cli/index.js` },
  outdir: `${ROOT}dist/bundle`,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  plugins: [startupPackagesOnly],
  // Bundled CommonJS (fastify, pino) calls require() for Node's built-ins.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  logLevel: "warning",
});
