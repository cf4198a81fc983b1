// The results as one table with the ratios (terminal), the targets of issue 8 with pass/fail, and the
// Markdown summary, with an earlier run's figures beside this run's when one is given (--before).
import { OPERATIONS, SCALE_OUT_OPERATIONS } from './operations.mjs';
import { TOKEN_OPERATIONS } from './oauth.mjs';

const num = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
const sizeLabel = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

const LIMIT_NAMES = {
  http: 'bare node:http',
  passwordSet: 'argon2id+SRP verifier ×2',
  passwordVerify: 'argon2id verify ×2',
  srpSignIn: 'server SRP arithmetic ×1',
  rs256Sign: 'RS256 signing ×1',
};

/** The per-size limit of AdminGetUser on SQLite (limits/httpSqliteLookup.mjs), in `sizes[n].cognate.httpSqliteLookup`. */
const LOOKUP_NAME = 'bare node:http + SQLite lookup';

/** Operations per second for a table cell: the rate, or why there is none. */
const rateCell = (op) => (op === undefined ? 'n/a' : op.unsupported !== undefined ? 'unsupported' : num(op.rps));

function rows(results) {
  const header = [
    'users', 'operation',
    'Cognate /s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB',
    'cognito-local /s', 'p50 ms', 'p99 ms', 'errors',
    'limit /s', 'Cognate ÷ limit', 'Cognate ÷ cognito-local',
  ];
  const body = [];
  for (const [n, size] of Object.entries(results.sizes)) {
    for (const op of OPERATIONS) {
      const ours = size.cognate.operations[op.name];
      const theirs = size.peer?.operations[op.name];
      const limit = results.limits[op.limit]?.rps;
      body.push([
        sizeLabel(Number(n)), op.name,
        rateCell(ours), num(ours?.p50, 2), num(ours?.p99, 2), String(ours?.errors ?? 'n/a'), num(ours?.peakRssMb, 0),
        rateCell(theirs), num(theirs?.p50, 2), num(theirs?.p99, 2), String(theirs?.errors ?? 'n/a'),
        num(limit), ratio(ours?.rps, limit), ratio(ours?.rps, theirs?.rps),
      ]);
      const lookup = size.cognate.httpSqliteLookup;
      if (op.name === 'AdminGetUser' && lookup !== undefined) {
        body.push([sizeLabel(Number(n)), `AdminGetUser against ${LOOKUP_NAME}`, rateCell(ours), '', '', '', '', '', '', '', '', num(lookup.rps), ratio(ours?.rps, lookup.rps), '']);
      }
    }
    // Seeding differs between the two (an import against a file write), so its times get no ratio.
    const line = (label, pick, digits, compared = true) => {
      const ours = pick(size.cognate);
      const theirs = size.peer && pick(size.peer);
      const theirCell = size.peer ? num(theirs, digits) : 'n/a';
      return [sizeLabel(Number(n)), label, num(ours, digits), '', '', '', '', theirCell, '', '', '', '', '', compared ? ratio(ours, theirs) : ''];
    };
    body.push(line('seeding s (Cognate: cognate import; cognito-local: data file)', (s) => s.seed?.import?.seconds ?? s.seed?.seconds, 1, false));
    body.push(line('working set passwords s (Cognate: through the API)', (s) => s.seed?.passwords?.seconds, 1, false));
    body.push(line('first sign-in ms (warm-up, alone)', (s) => s.operations['InitiateAuth USER_PASSWORD_AUTH']?.warmUpMs, 0));
    body.push(line('startup ms (data on disk)', (s) => s.startupMs, 0));
    body.push(line('idle RSS MB after startup', (s) => s.idleRssMb, 0));
    body.push(line('RSS high-water MB', (s) => s.hwmRssMb, 0));
    body.push(line('data on disk MB', (s) => s.dbMb, 1));
  }
  if (results.triggers) {
    // Its own small pool (one user, SQLite): the p50/p99 cells are those of the sign-in with the trigger.
    const { summary, addedP50Ms } = results.triggers;
    body.push([
      '1', `InitiateAuth USER_PASSWORD_AUTH + no-op PreAuthentication (--functions): +${num(addedP50Ms, 1)} ms p50 over none (${num(summary.without.p50, 1)} ms)`,
      '', num(summary.with.p50, 2), num(summary.with.p99, 2), '', '', '', '', '', '', '', '', '',
    ]);
  }
  return { header, body };
}

function scaleOutRows(scaleOut) {
  const header = ['operation', 'one instance /s', 'p50 ms', 'p99 ms', 'errors', 'two instances /s', 'p50 ms', 'p99 ms', 'errors', 'two ÷ one'];
  const body = SCALE_OUT_OPERATIONS.map((op) => {
    const one = scaleOut.operations['one instance'][op.name];
    const two = scaleOut.operations['two instances'][op.name];
    return [
      op.name,
      rateCell(one), num(one?.p50, 2), num(one?.p99, 2), String(one?.errors ?? 'n/a'),
      rateCell(two), num(two?.p50, 2), num(two?.p99, 2), String(two?.errors ?? 'n/a'),
      ratio(two?.rps, one?.rps),
    ];
  });
  return { header, body };
}

function limitLines(results) {
  return Object.entries(results.limits).map(([key, limit]) => {
    const latency = Number.isFinite(limit.p50) ? ` (p50 ${num(limit.p50, 2)} ms, p99 ${num(limit.p99, 2)} ms)` : '';
    return `${LIMIT_NAMES[key] ?? key}: ${num(limit.rps)}/s${latency}`;
  });
}

/** The per-size limits, one line per size that has them. */
function sizeLimitLines(results) {
  return Object.entries(results.sizes)
    .filter(([, size]) => size.cognate.httpSqliteLookup !== undefined)
    .map(([n, size]) => {
      const lookup = size.cognate.httpSqliteLookup;
      return `${LOOKUP_NAME}, ${sizeLabel(Number(n))} users: ${num(lookup.rps)}/s (p50 ${num(lookup.p50, 2)} ms, p99 ${num(lookup.p99, 2)} ms, ${lookup.errors} errors)`;
    });
}

const PASS = 'pass';
const FAIL = 'FAIL';
const UNMEASURED = 'not measured';
/** A reference figure shown beside the targets, neither passing nor failing. */
const INFO = 'info';

/** A target checked at every size that has the figures: passes when it holds at each. */
function everySize(results, target, figure, holds, describe) {
  const checked = [];
  for (const [n, size] of Object.entries(results.sizes)) {
    const value = figure(size);
    if (Number.isFinite(value)) checked.push({ n: Number(n), value, ok: holds(value) });
  }
  if (checked.length === 0) return { target, measured: 'n/a', status: UNMEASURED };
  return {
    target,
    measured: checked.map(({ n, value, ok }) => `${sizeLabel(n)} ${describe(value)}${ok ? '' : ' ✗'}`).join(', '),
    status: checked.every((c) => c.ok) ? PASS : FAIL,
  };
}

/** The targets of issue 8, each with the measured figure and pass, FAIL or "not measured" (by this run). */
export function targets(results) {
  const limit = (key) => results.limits[key]?.rps;
  const cognateRate = (name) => (size) => size.cognate.operations[name]?.rps;
  const list = [];
  for (const name of ['AdminSetUserPassword (permanent)', 'AdminSetUserPassword (temporary)']) {
    list.push(
      everySize(results, `${name} ≥ 0.85× password-work limit (argon2id+SRP verifier ×2)`, (s) => cognateRate(name)(s) / limit('passwordSet'), (r) => r >= 0.85, (r) => `${r.toFixed(2)}×`),
    );
  }
  list.push(everySize(results, 'AdminGetUser ≥ 0.5× bare node:http', (s) => cognateRate('AdminGetUser')(s) / limit('http'), (r) => r >= 0.5, (r) => `${r.toFixed(2)}×`));
  list.push(
    everySize(results, 'AdminGetUser ≥ 6× cognito-local', (s) => cognateRate('AdminGetUser')(s) / s.peer?.operations.AdminGetUser?.rps, (r) => r >= 6, (r) => `${r.toFixed(2)}×`),
  );
  for (const [n, size] of Object.entries(results.sizes)) {
    const lookup = size.cognate.httpSqliteLookup?.rps;
    if (!Number.isFinite(lookup)) continue;
    list.push({
      target: `reference, ${sizeLabel(Number(n))} users: bare node:http + one SQLite lookup`,
      measured: `${lookup.toFixed(1)}/s = ${ratio(lookup, limit('http'))} bare node:http; AdminGetUser = ${ratio(cognateRate('AdminGetUser')(size), lookup)} of it`,
      status: INFO,
    });
  }
  const small = results.sizes[1000]?.cognate;
  const large = results.sizes[1000000]?.cognate;
  for (const op of OPERATIONS) {
    const target = `p50 at 1M ≤ 1.3× p50 at 1k: ${op.name}`;
    const a = small?.operations[op.name]?.p50;
    const b = large?.operations[op.name]?.p50;
    if (!Number.isFinite(a) || !Number.isFinite(b)) list.push({ target, measured: 'n/a', status: UNMEASURED });
    else list.push({ target, measured: `${b.toFixed(2)} ms vs ${a.toFixed(2)} ms = ${(b / a).toFixed(2)}×`, status: b <= 1.3 * a ? PASS : FAIL });
  }
  const single = (target, value, text, holds) =>
    Number.isFinite(value) ? { target, measured: text(value), status: holds(value) ? PASS : FAIL } : { target, measured: 'n/a', status: UNMEASURED };
  list.push(single('startup with 1M users < 1 s', large?.startupMs, (ms) => `${(ms / 1000).toFixed(2)} s`, (ms) => ms < 1000));
  const peakRss = large === undefined ? NaN : Math.max(large.hwmRssMb, ...Object.values(large.operations).map((o) => o.peakRssMb ?? 0));
  list.push(
    single('server RSS < 250 MB with 1M users (high-water mark: startup, working set and every phase)', peakRss, (mb) => `${mb.toFixed(0)} MB (idle after startup ${num(large.idleRssMb, 0)} MB)`, (mb) => mb < 250),
  );
  const imported = large?.seed?.import;
  list.push(single('cognate import of 1M users < 120 s', imported?.seconds, (s) => `${s.toFixed(1)} s (${Math.round(imported.rowsPerSecond)} rows/s)`, (s) => s < 120));
  const sweeping = results.sweeping;
  const sweptThroughout = sweeping !== undefined && sweeping.left.sessions > 0 && sweeping.left.sessions < sweeping.backlog;
  list.push(
    single(
      'USER_PASSWORD_AUTH while the sweeper works off a backlog ≥ 0.95× with the sweeper off (issue 22)',
      sweptThroughout ? sweeping.ratio : NaN,
      (r) =>
        `median of ${sweeping.pairs.length} alternating pairs ${r.toFixed(2)}× (pairs: ${sweeping.pairs.map((p) => p.ratio.toFixed(2)).join(', ')}; ` +
        `medians ${num(sweeping.sweeping.rps)}/s vs ${num(sweeping.off.rps)}/s; backlog ${sweeping.backlog} sessions + ${sweeping.backlog} events, ` +
        `${sweeping.left.sessions} sessions left afterwards)`,
      (r) => r >= 0.95,
    ),
  );
  return list;
}

function textTable(header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const format = (r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [format(header), ...body.map(format)].join('\n');
}

function markdownTable(header, body, leftColumns = 2) {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < leftColumns ? '---' : '---:')).join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)];
}

/** The token endpoint's rows: rate, latency and errors beside the limit of its work. */
function tokenEndpointRows(results) {
  const header = ['operation', 'Cognate /s', 'p50 ms', 'p99 ms', 'errors', 'limit', 'limit /s', 'Cognate ÷ limit'];
  const body = TOKEN_OPERATIONS.map((op) => {
    const ours = results.tokenEndpoint.operations[op.name];
    const limit = results.limits[op.limit]?.rps;
    return [op.name, rateCell(ours), num(ours?.p50, 2), num(ours?.p99, 2), String(ours?.errors ?? 'n/a'), LIMIT_NAMES[op.limit], num(limit), ratio(ours?.rps, limit)];
  });
  return { header, body };
}

export function table(results) {
  const { header, body } = rows(results);
  const perSize = sizeLimitLines(results);
  const out = [`limits: ${limitLines(results).join('; ')}`, ...(perSize.length ? [`limits per size: ${perSize.join('; ')}`] : []), ...(body.length ? [textTable(header, body)] : [])];
  if (results.tokenEndpoint) {
    const token = tokenEndpointRows(results);
    out.push('', `Token endpoint, ${sizeLabel(results.tokenEndpoint.users)} users`, textTable(token.header, token.body));
  }
  if (results.scaleOut?.operations) {
    const scale = scaleOutRows(results.scaleOut);
    out.push('', `PostgreSQL, ${sizeLabel(results.scaleOut.users)} users: one instance vs two (same total load)`, textTable(scale.header, scale.body));
  } else if (results.scaleOut?.skipped) {
    out.push('', `PostgreSQL scale-out: skipped — ${results.scaleOut.skipped}`);
  }
  const list = results.targets ?? targets(results);
  out.push('', 'Targets:', ...list.map((t) => `  [${t.status}] ${t.target}: ${t.measured}`));
  return out.join('\n');
}

/** This run beside an earlier results file: limits, every operation of every size both have, scale-out. */
function beforeAfter(results, before) {
  const earlier = before.results;
  const out = [
    '## Before / after',
    '',
    `Before: \`${before.file}\` (${earlier.startedAt}${earlier.machine?.commit ? `, commit ${earlier.machine.commit}` : ''}). ` +
      'Compare with the limits in mind: they show how busy the machine was in each run.',
    '',
    ...markdownTable(
      ['limit', 'before /s', 'now /s', 'now ÷ before'],
      Object.keys({ ...earlier.limits, ...results.limits }).map((key) => [LIMIT_NAMES[key] ?? key, num(earlier.limits?.[key]?.rps), num(results.limits[key]?.rps), ratio(results.limits[key]?.rps, earlier.limits?.[key]?.rps)]),
      1,
    ),
    '',
  ];
  const header = ['users', 'operation', '/s before', '/s now', 'now ÷ before', 'p50 ms before', 'p50 ms now', 'p99 ms before', 'p99 ms now'];
  const body = [];
  for (const n of Object.keys(results.sizes)) {
    const then = earlier.sizes?.[n]?.cognate;
    const now = results.sizes[n].cognate;
    if (then === undefined) continue;
    for (const op of OPERATIONS) {
      const a = then.operations?.[op.name];
      const b = now.operations[op.name];
      body.push([sizeLabel(Number(n)), op.name, rateCell(a), rateCell(b), ratio(b?.rps, a?.rps), num(a?.p50, 2), num(b?.p50, 2), num(a?.p99, 2), num(b?.p99, 2)]);
    }
    const line = (label, pick, digits) => [sizeLabel(Number(n)), label, num(pick(then), digits), num(pick(now), digits), ratio(pick(now), pick(then)), '', '', '', ''];
    body.push(line(`limit: ${LOOKUP_NAME} /s`, (s) => s.httpSqliteLookup?.rps, 1));
    body.push(line('startup ms (data on disk)', (s) => s.startupMs, 0));
    body.push(line('idle RSS MB after startup', (s) => s.idleRssMb, 0));
    body.push(line('RSS high-water MB', (s) => s.hwmRssMb, 0));
    body.push(line('cognate import s', (s) => s.seed?.import?.seconds, 1));
  }
  out.push(...(body.length ? markdownTable(header, body) : ['No pool size in common with this run.']), '');
  if (results.scaleOut?.operations && earlier.scaleOut?.operations) {
    const scaleBody = [];
    for (const setup of ['one instance', 'two instances']) {
      for (const op of SCALE_OUT_OPERATIONS) {
        const a = earlier.scaleOut.operations[setup]?.[op.name];
        const b = results.scaleOut.operations[setup][op.name];
        scaleBody.push([setup, op.name, rateCell(a), rateCell(b), ratio(b?.rps, a?.rps), num(a?.p50, 2), num(b?.p50, 2), num(a?.p99, 2), num(b?.p99, 2)]);
      }
    }
    out.push(`PostgreSQL (${sizeLabel(earlier.scaleOut.users)} users before, ${sizeLabel(results.scaleOut.users)} now):`, '', ...markdownTable(['setup', ...header.slice(1)], scaleBody), '');
  }
  return out;
}

/** How many cores the load generator kept busy: in the SRP phases per size, and the range in all others. */
function loadGeneratorLine(results) {
  const srp = OPERATIONS.find((op) => op.limit === 'srpSignIn').name;
  const perSize = Object.entries(results.sizes).map(([n, size]) => `${sizeLabel(Number(n))} ${num(size.cognate.operations[srp]?.loadGeneratorCores, 2)}`);
  const others = Object.values(results.sizes)
    .flatMap((size) => Object.entries(size.cognate.operations).filter(([name]) => name !== srp).map(([, op]) => op.loadGeneratorCores))
    .filter(Number.isFinite);
  const range = others.length ? `${Math.min(...others).toFixed(2)}–${Math.max(...others).toFixed(2)}` : 'n/a';
  return `in the SRP phases on Cognate it kept ${perSize.join(', ') || 'n/a'} core busy (median of rounds), against ${range} in the other phases`;
}

export function markdown(results, before) {
  const { header, body } = rows(results);
  const m = results.machine;
  const s = results.settings;
  const errors = [];
  const listErrors = (where, operations) => {
    for (const [op, r] of Object.entries(operations)) if (r.errors > 0) errors.push(`- ${where}, ${op}: ${r.errors} of ${r.requests}, e.g. \`${r.errorSamples[0]}\``);
  };
  for (const [n, size] of Object.entries(results.sizes)) {
    for (const [server, data] of Object.entries(size)) listErrors(`${sizeLabel(Number(n))} users, ${server === 'peer' ? 'cognito-local' : server}`, data.operations);
    const lookup = size.cognate.httpSqliteLookup;
    if (lookup !== undefined) listErrors(`${sizeLabel(Number(n))} users, ${LOOKUP_NAME}`, { AdminGetUser: lookup });
  }
  for (const [setup, operations] of Object.entries(results.scaleOut?.operations ?? {})) listErrors(`PostgreSQL, ${setup}`, operations);
  if (results.tokenEndpoint) listErrors("token endpoint", results.tokenEndpoint.operations);
  const unsupported = [];
  for (const [n, size] of Object.entries(results.sizes)) {
    for (const [op, r] of Object.entries(size.peer?.operations ?? {})) if (r.unsupported !== undefined) unsupported.push(`- cognito-local, ${sizeLabel(Number(n))} users, ${op}: \`${r.unsupported}\``);
  }
  const list = results.targets ?? targets(results);
  const scaleOut = results.scaleOut;
  return [
    `# Cognate benchmark, ${results.startedAt}`,
    '',
    `Machine: ${m.cpus} × ${m.cpu}, ${num(m.memoryGb, 0)} GiB, Node ${m.node}${m.commit ? `, commit ${m.commit}` : ''}. Run took ${num(results.elapsedSeconds / 60)} min.`,
    `Load: closed loop, ${s.concurrency} connections (keep-alive), ${s.durationMs / 1000} s per phase, ${s.rounds} round(s) (medians), loopback; servers and load generator unpinned.`,
    'Cognate: compiled dist, dev mode, SQLite. Each pool is seeded by `cognate import` from a Cognito user-import CSV (users RESET_REQUIRED without password), ' +
      `then a working set of ${s.workingSet} users spread evenly over the pool gets passwords through AdminSetUserPassword (even: permanent, CONFIRMED; odd: temporary, FORCE_CHANGE_PASSWORD).`,
    'cognito-local: its data file written directly, in the same state (working set with passwords, everyone else RESET_REQUIRED); it stores passwords in plain text, so its figures include no hashing.',
    'Sign-ins and password sets pick from the working set, AdminGetUser from the whole pool. An SRP sign-in is one operation of two requests (InitiateAuth USER_SRP_AUTH, RespondToAuthChallenge PASSWORD_VERIFIER), counted only when tokens come back.',
    '',
    '## Targets',
    '',
    ...markdownTable(['target', 'measured', 'result'], list.map((t) => [t.target, t.measured, t.status === FAIL ? '**FAIL**' : t.status]), 2),
    '',
    '## Limits measured in the same run',
    '',
    ...limitLines(results).map((l) => `- ${l}`),
    ...sizeLimitLines(results).map((l) => `- ${l}`),
    '',
    'Each operation is held against the limit of the work it cannot avoid: the bare HTTP server for AdminGetUser and ListUsers, argon2id + SRP verifier (two at a time) for password sets and AdminCreateUser, one argon2id verification (two at a time) for USER_PASSWORD_AUTH, and for SRP sign-in the server\'s SRP arithmetic (B = k·v + g^b, S = (A·v^u)^b, HKDF, HMAC), one at a time because the server does it on its event loop. The SRP limit leaves out the HTTP, storage and token-signing work of the two requests, so it is a ceiling, not a target.',
    '',
    `${LOOKUP_NAME} (per size, measured right after Cognate on its database, with AdminGetUser's requests) is the bare HTTP server plus the one prepared SQLite point read Cognate runs to find the user, on the same file with the same settings, and the answer built from the row: the ceiling of any AdminGetUser answered from SQLite on this machine, with no SigV4, validation, pool read, audit or clock work. It is shown for reference, not as a target.`,
    '',
    `The load generator shares the cores with the servers. It computes the client half of each SRP sign-in itself (two modular exponentiations through OpenSSL); ${loadGeneratorLine(results)} (\`loadGeneratorCores\` in the JSON).`,
    '',
    '## Results',
    '',
    ...markdownTable(header, body),
    '',
    '## Token endpoint',
    '',
    ...(results.tokenEndpoint
      ? [
          `${sizeLabel(results.tokenEndpoint.users)} users. client_credentials signs one access token (RS256); the code flow is POST /login (one argon2id verification, the code stored) then the exchange (ID and access tokens signed, the code taken once), one operation of two requests.`,
          '',
          ...markdownTable(tokenEndpointRows(results).header, tokenEndpointRows(results).body, 1),
        ]
      : ['Not run (--no-oauth).']),
    '',
    '## PostgreSQL: one instance vs two',
    '',
    ...(scaleOut?.operations
      ? [
          `${sizeLabel(scaleOut.users)} users (imported, same working set), two Cognate processes on one database; the same ${s.concurrency} connections sent to one instance, then split evenly over both. Everything shares this machine's ${m.cpus} cores.`,
          '',
          ...markdownTable(scaleOutRows(scaleOut).header, scaleOutRows(scaleOut).body, 1),
        ]
      : [scaleOut?.skipped ? `Skipped: ${scaleOut.skipped}.` : 'Not run (--no-postgres).']),
    '',
    ...(before ? beforeAfter(results, before) : []),
    '## Unsupported by cognito-local',
    '',
    ...(unsupported.length ? unsupported : ['none']),
    '',
    '## Errors',
    '',
    ...(errors.length ? errors : ['none']),
    '',
  ].join('\n');
}
