import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { TEST_CREDENTIAL } from "./cognate.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The bundled bin, exactly what `npm start` and `npx cognate` run. */
export const COGNATE_BIN = fileURLToPath(new URL("../../dist/bundle/cli.js", import.meta.url));

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion without blocking the event loop (servers in this process keep serving). */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function runCognate(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return run(process.execPath, [COGNATE_BIN, ...args], env);
}

export interface ServingProcess {
  url: string;
  /** Where the process listens; differs from url when --public-url names another address (a load balancer's). */
  address: string;
  child: ChildProcess;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  output(): string;
}

/** Starts `cognate serve` on a free port and resolves once it logs that it listens. */
export function serveCognate(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServingProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [COGNATE_BIN, "serve", "--port", "0", ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`cognate did not start:\n${output}`));
    }, 30_000);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.stdout.on("data", (chunk) => {
      output += chunk;
      for (const line of output.split("\n")) {
        if (!line.includes("cognate listening")) continue;
        clearTimeout(timer);
        const { publicUrl, address } = JSON.parse(line) as { publicUrl: string; address: string };
        resolve({
          url: publicUrl,
          address,
          child,
          output: () => output,
          stop: (signal = "SIGTERM") => {
            child.kill(signal);
            return exited;
          },
        });
        return;
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`cognate exited with ${code} before listening:\n${output}`));
    });
  });
}

/**
 * An SDK client for the Cognate at `endpoint`, signing with TEST_CREDENTIAL (which dev mode accepts like any
 * key), that never retries: a throttled or refused call reaches the test as it was answered.
 */
export function cognitoClientFor(endpoint: string, region = "us-east-1"): CognitoIdentityProviderClient {
  // A copy: the SDK marks the credentials object it is given (a `$source` field), which must not leak into TEST_CREDENTIAL.
  return new CognitoIdentityProviderClient({ endpoint, region, credentials: { ...TEST_CREDENTIAL }, maxAttempts: 1 });
}
