import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";

/** Debian's Chromium, driven headless by playwright-core (which never downloads a browser). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * How every test and script starts Chromium: headless, with a fresh temporary profile (launch() makes one and
 * removes it on close), and without the background connections this machine's closed network refuses.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export interface HeadlessChromium {
  browser: Browser;
  /** A fresh context (no cookies) that records every request leaving for another origin than `origin`. */
  context(origin: string): Promise<{ context: BrowserContext; page: Page; foreignRequests: string[] }>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  return {
    browser,
    async context(origin) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const foreignRequests: string[] = [];
      context.on("request", (request) => {
        if (!request.url().startsWith(origin)) foreignRequests.push(request.url());
      });
      return { context, page: await context.newPage(), foreignRequests };
    },
    async close() {
      await browser.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const axeSource = (() => {
  let source: string | undefined;
  return () => (source ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"));
})();

/** axe-core's serious and critical violations on the page (run through the DevTools protocol, so the page's CSP stays on). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((node) => ({ target: node.target })) }));
  });
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}
