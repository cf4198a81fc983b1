// Server processes started by the bench: each is stopped by its own pid, never by name.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const started = new Set();

/** Registers a child process to be killed if the bench exits before it does. */
export function owned(child) {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Stops every process this bench started (on exit or interruption). */
export function stopAll() {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
}
process.once('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { stopAll(); process.exit(130); });

/** RSS and its high-water mark in MB, from /proc (Linux). */
export function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, hwmMb: NaN };
  }
}

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc. Unlike wall time it
 * hardly moves when other work shares the cores, so it shows what a start costs on a loaded machine.
 */
export function cpuMs(pid) {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised command name.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Spawns a server and waits until `ready(output)` yields its base URL and GET <url>/health answers 200.
 * Returns { url, pid, startupMs, stop() }. Output is kept (last 4 KB) for error reports.
 */
export async function startServer({ name, command, args, cwd, env, ready, timeoutMs = 60_000 }) {
  const t0 = performance.now();
  const child = owned(spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  const keep = (chunk) => { output = (output + chunk).slice(-4096); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = t0 + timeoutMs;
  let url;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${output}`);
    url ??= ready(output);
    if (url !== undefined) {
      try {
        const res = await fetch(`${url}/health`);
        await res.arrayBuffer();
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
    }
    await sleep(20);
  }
  if (performance.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`${name} did not become healthy within ${timeoutMs} ms: ${output}`);
  }
  const startupMs = performance.now() - t0;
  return {
    name,
    url,
    pid: child.pid,
    startupMs,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Samples the processes' RSS every interval while fn runs; returns fn's result and the largest RSS of one process (MB). */
export async function withPeakRss(pids, fn, intervalMs = 250) {
  let peak = 0;
  const sample = () => {
    for (const pid of pids) peak = Math.max(peak, memory(pid).rssMb);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await fn();
    sample();
    return { result, peakRssMb: peak };
  } finally {
    clearInterval(timer);
  }
}
