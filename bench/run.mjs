#!/usr/bin/env node
// `npm run bench`: installs the bench's own dependencies (never the server's) and builds Cognate when needed,
// then runs the benchmark. Options are passed through, e.g. `npm run bench -- --sizes 1000 --duration 2`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(args, what) {
  console.log(`bench: ${what}`);
  const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bench: ${what} failed`);
    process.exit(1);
  }
}

const { dependencies } = JSON.parse(readFileSync(join(benchDir, 'package.json'), 'utf8'));
const missing = Object.keys(dependencies).filter((name) => !existsSync(join(benchDir, 'node_modules', name, 'package.json')));
if (missing.length > 0) run(['install', '--prefix', 'bench', '--no-audit', '--no-fund'], `installing bench/node_modules (${missing.join(', ')})`);
if (!existsSync(join(root, 'dist/bundle/cli.js'))) run(['run', 'build'], 'building dist (npm run build)');

const argv = process.argv.slice(2);
if (argv.includes('--triggers')) {
  const { triggersBench } = await import('./triggers.mjs');
  await triggersBench({ root, argv });
} else if (argv.includes('--console')) {
  const { consoleBench } = await import('./console.mjs');
  await consoleBench({ root, argv });
} else if (argv.includes('--cold-start')) {
  const { coldStartBench } = await import('./coldStart.mjs');
  await coldStartBench({ root, argv });
} else {
  const { main } = await import('./lib/main.mjs');
  await main({ root, benchDir, argv });
}
