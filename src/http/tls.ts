import { X509Certificate, webcrypto } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import { ConfigError, dataDirectory, type Config } from "../config/schema.js";

/** What `https.createServer` needs, and the certificate's SHA-256 fingerprint for the start-up line. */
export interface TlsMaterial {
  key: string;
  cert: string;
  fingerprint: string;
  /** The certificate's file: what a client is told to trust. */
  certFile: string;
  generated: boolean;
}

const GENERATED_DAYS = 825;
/** A generated certificate this close to its end is replaced at start rather than left to expire mid-run. */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

/**
 * The certificate to serve HTTPS with, or undefined when TLS is off (README, "HTTPS"). Files given by
 * `--tls-cert`/`--tls-key` are read as they are; otherwise a self-signed certificate for localhost, 127.0.0.1
 * and ::1 (and the bound or public host) is generated once and kept in the data directory's `tls/`, so a
 * browser or system that was told to trust it keeps trusting it across restarts.
 */
export async function loadTls(config: Config): Promise<TlsMaterial | undefined> {
  if (!config.tls) return undefined;
  if (config.tlsCert !== undefined && config.tlsKey !== undefined) {
    // One after the other, so that with both unreadable the message always names the certificate.
    const cert = await readSetting(config.tlsCert, "--tls-cert");
    const key = await readSetting(config.tlsKey, "--tls-key");
    return { cert, key, fingerprint: fingerprintOf(cert, "--tls-cert"), certFile: config.tlsCert, generated: false };
  }
  const directory = join(dataDirectory(config), "tls");
  const certFile = join(directory, "cert.pem");
  const keyFile = join(directory, "key.pem");
  const names = certificateNames(config);
  const existing = await readExisting(certFile, keyFile, names);
  if (existing !== undefined) return { ...existing, certFile, generated: false };
  const made = await generateSelfSigned(names);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await writeFile(keyFile, made.key, { mode: 0o600 });
  await writeFile(certFile, made.cert, { mode: 0o644 });
  return { ...made, fingerprint: fingerprintOf(made.cert, certFile), certFile, generated: true };
}

interface CertificateNames {
  dns: string[];
  ips: string[];
}

function certificateNames(config: Config): CertificateNames {
  const dns = new Set(["localhost"]);
  const ips = new Set(["127.0.0.1", "::1"]);
  const hosts = [config.host, ...(config.publicUrl === undefined ? [] : [new URL(config.publicUrl).hostname.replace(/^\[|\]$/g, "")])];
  for (const host of hosts) {
    if (isIP(host) !== 0) {
      if (host !== "0.0.0.0" && host !== "::") ips.add(host);
    } else dns.add(host);
  }
  return { dns: [...dns], ips: [...ips] };
}

/** A kept certificate is reused while it is valid and still names every host it must. */
async function readExisting(certFile: string, keyFile: string, names: CertificateNames): Promise<{ cert: string; key: string; fingerprint: string } | undefined> {
  let cert: string;
  let key: string;
  try {
    [cert, key] = await Promise.all([readFile(certFile, "utf8"), readFile(keyFile, "utf8")]);
  } catch {
    return undefined;
  }
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(cert);
  } catch {
    return undefined;
  }
  if (new Date(parsed.validTo).getTime() - Date.now() < RENEW_BEFORE_MS) return undefined;
  if (!names.dns.every((name) => parsed.checkHost(name) !== undefined)) return undefined;
  if (!names.ips.every((ip) => parsed.checkIP(ip) !== undefined)) return undefined;
  return { cert, key, fingerprint: parsed.fingerprint256 };
}

async function generateSelfSigned(names: CertificateNames): Promise<{ cert: string; key: string }> {
  // Loaded only when a certificate is made: most starts never need it.
  const x509 = await import("@peculiar/x509");
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + GENERATED_DAYS * 24 * 3600 * 1000);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString("hex").replace(/^[89a-f]/, "1"),
    name: "CN=Cognate local",
    notBefore,
    notAfter,
    signingAlgorithm: algorithm,
    keys: keys as CryptoKeyPair,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: "dns" as const, value })),
        ...names.ips.map((value) => ({ type: "ip" as const, value })),
      ]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", (keys as CryptoKeyPair).privateKey));
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "")}\n-----END PRIVATE KEY-----\n`;
  return { cert: `${certificate.toString("pem")}\n`, key };
}

async function readSetting(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`${flag} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

function fingerprintOf(cert: string, source: string): string {
  try {
    return new X509Certificate(cert).fingerprint256;
  } catch {
    throw new ConfigError(`${source} is not a PEM certificate`);
  }
}
