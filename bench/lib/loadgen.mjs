// Closed-loop load generator: a fixed number of workers, each sending its next request when the previous one
// has answered, over keep-alive connections (undici Pool). Bounded twice: workers stop issuing at the deadline
// or after maxRequests, and every request has a hard timeout, so a phase always ends.
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
 * next(worker) -> { body, headers, path?, ok?(status, text) }. Returns requests/s, p50/p99/max latency (ms),
 * the number of requests and errors, and up to three error samples.
 */
export async function closedLoop({ pool, concurrency, durationMs, maxRequests = Infinity, next }) {
  const latencies = [];
  let errors = 0;
  let issued = 0;
  const errorSamples = [];
  const fail = (sample) => {
    errors++;
    if (errorSamples.length < 3) errorSamples.push(sample.slice(0, 200));
  };
  const started = performance.now();
  const deadline = started + durationMs;
  async function worker(w) {
    while (performance.now() < deadline && issued < maxRequests) {
      issued++;
      const request = next(w);
      const sent = performance.now();
      try {
        const res = await pool.request({ path: request.path ?? '/', method: 'POST', headers: request.headers, body: request.body });
        const text = await res.body.text();
        latencies.push(performance.now() - sent);
        const ok = request.ok ? request.ok(res.statusCode, text) : res.statusCode === 200;
        if (!ok) fail(`${res.statusCode} ${text}`);
      } catch (error) {
        latencies.push(performance.now() - sent);
        fail(String(error));
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
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
  };
}
