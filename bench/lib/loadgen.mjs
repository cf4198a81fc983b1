// Closed-loop load generator: a fixed number of workers, each starting its next operation when the previous
// one has finished, over keep-alive connections (undici Pool). Bounded twice: workers stop starting at the
// deadline or after maxOperations, and every request has a hard timeout, so a phase always ends.
import { Pool } from 'undici';

export function connect(endpoint, connections, timeoutMs) {
  return new Pool(endpoint, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * `concurrency` workers spread over `pools` (worker w sends to pools[w % pools.length]), each running
 * `run(pool)` in a loop; run resolves to undefined when the operation succeeded, else to a description of
 * what went wrong. Returns operations/s (all and successful), p50/p99/max latency of an operation (ms), the
 * number of operations and errors, up to three error samples, and the cores this process (the load
 * generator) kept busy meanwhile, since it shares the machine with the servers.
 */
export async function closedLoop({ pools, concurrency, durationMs, maxOperations = Infinity, run }) {
  const latencies = [];
  let errors = 0;
  let issued = 0;
  const errorSamples = [];
  const fail = (sample) => {
    errors++;
    if (errorSamples.length < 3) errorSamples.push(sample.slice(0, 200));
  };
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const deadline = started + durationMs;
  async function worker(w) {
    const pool = pools[w % pools.length];
    while (performance.now() < deadline && issued < maxOperations) {
      issued++;
      const sent = performance.now();
      let problem;
      try {
        problem = await run(pool);
      } catch (error) {
        problem = String(error);
      }
      latencies.push(performance.now() - sent);
      if (problem !== undefined) fail(problem);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    okRps: (latencies.length - errors) / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors,
    errorSamples,
    loadGeneratorCores: (cpu.user + cpu.system) / 1e6 / seconds,
  };
}

/** Runs `task(item)` for every item, `concurrency` at a time; resolves when all are done. */
export async function eachConcurrently(items, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}
