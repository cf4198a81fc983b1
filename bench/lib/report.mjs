// One table with the ratios, as plain text for the terminal and as the Markdown summary.

const num = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

const LIMIT_NAMES = {
  http: 'bare node:http',
  passwordSet: 'argon2id+SRP verifier ×2',
  passwordVerify: 'argon2id verify ×2',
};

function rows(results, operations) {
  const header = [
    'users', 'operation',
    'Cognate req/s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB',
    'cognito-local req/s', 'p50 ms', 'p99 ms', 'errors',
    'limit req/s', 'Cognate ÷ limit', 'Cognate ÷ cognito-local',
  ];
  const body = [];
  for (const [n, size] of Object.entries(results.sizes)) {
    for (const op of operations) {
      const ours = size.cognate.operations[op.name];
      const theirs = size.peer?.operations[op.name];
      const limit = results.limits[op.limit]?.rps;
      body.push([
        n, op.name,
        num(ours?.rps), num(ours?.p50, 2), num(ours?.p99, 2), String(ours?.errors ?? 'n/a'), num(ours?.peakRssMb, 0),
        num(theirs?.rps), num(theirs?.p50, 2), num(theirs?.p99, 2), theirs ? String(theirs.errors) : 'n/a',
        num(limit), ratio(ours?.rps, limit), ratio(ours?.rps, theirs?.rps),
      ]);
    }
    const line = (label, pick, digits) => [n, label, num(pick(size.cognate), digits), '', '', '', '', size.peer ? num(pick(size.peer), digits) : 'n/a', '', '', '', '', '', ratio(pick(size.cognate), size.peer && pick(size.peer))];
    body.push(line('first sign-in ms (warm-up, alone)', (s) => s.operations['InitiateAuth USER_PASSWORD_AUTH']?.warmUpMs, 0));
    body.push(line('startup ms (data on disk)', (s) => s.startupMs, 0));
    body.push(line('idle RSS MB after startup', (s) => s.idleRssMb, 0));
    body.push(line('RSS high-water MB', (s) => s.hwmRssMb, 0));
    body.push(line('data on disk MB', (s) => s.dbMb, 1));
  }
  return { header, body };
}

function limitLines(results) {
  return Object.entries(results.limits).map(([key, limit]) => {
    const latency = Number.isFinite(limit.p50) ? ` (p50 ${num(limit.p50, 2)} ms, p99 ${num(limit.p99, 2)} ms)` : '';
    return `${LIMIT_NAMES[key]}: ${num(limit.rps)}/s${latency}`;
  });
}

export function table(results, operations) {
  const { header, body } = rows(results, operations);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const format = (r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [`limits: ${limitLines(results).join('; ')}`, format(header), ...body.map(format)].join('\n');
}

export function markdown(results, operations) {
  const { header, body } = rows(results, operations);
  const m = results.machine;
  const s = results.settings;
  const errors = [];
  for (const [n, size] of Object.entries(results.sizes)) {
    for (const [server, data] of Object.entries(size)) {
      for (const [op, r] of Object.entries(data.operations)) if (r.errors > 0) errors.push(`- ${n} users, ${server}, ${op}: ${r.errors} of ${r.requests}, e.g. \`${r.errorSamples[0]}\``);
    }
  }
  return [
    `# Cognate benchmark, ${results.startedAt}`,
    '',
    `Machine: ${m.cpus} × ${m.cpu}, ${num(m.memoryGb, 0)} GiB, Node ${m.node}${m.commit ? `, commit ${m.commit}` : ''}.`,
    `Load: closed loop, ${s.concurrency} connections (keep-alive), ${s.durationMs / 1000} s per phase, ${s.rounds} round(s) (medians), loopback; servers and load generator unpinned.`,
    'Cognate: compiled dist, dev mode, SQLite; users seeded through its store (one shared argon2id hash, a real SRP verifier each).',
    'cognito-local: data file written directly; it stores passwords in plain text, so its figures include no hashing.',
    'Even users are CONFIRMED (permanent password; sign-ins and permanent sets use them), odd users FORCE_CHANGE_PASSWORD (temporary sets).',
    '',
    '## Limits measured in the same run',
    '',
    ...limitLines(results).map((l) => `- ${l}`),
    '',
    '## Results',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
    '',
    '## Errors',
    '',
    ...(errors.length ? errors : ['none']),
    '',
  ].join('\n');
}
