/**
 * Debian's Chromium (playwright-core, never a downloaded browser) for the tests of the pages
 * we serve (the playground, the reference UI): a fresh profile, the flags without which the
 * browser tries this machine's closed network, every request recorded, anything not to
 * 127.0.0.1 aborted and recorded, and the pages' CSP violations collected.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** URLs that never leave the page (inlined workers, data URIs, the initial blank page). */
export function isLocalOnly(url: string): boolean {
  return /^(blob|data|about|chrome|chrome-extension|devtools):/.test(url);
}

/** Whether a URL's host is 127.0.0.1. */
export function isLoopback(url: string): boolean {
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/** A browser that reaches 127.0.0.1 only. */
export interface LoopbackBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request the browser made. */
  readonly requests: readonly string[];
  /** Requests to any host but 127.0.0.1 (aborted). */
  readonly external: readonly string[];
  /** The CSP violations the page has reported since it was last loaded. */
  cspViolations(page?: Page): Promise<string[]>;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile; `options` as playwright's (viewport, locale, …). */
export async function openLoopbackBrowser(
  options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
): Promise<LoopbackBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'hoi-chromium-'));
  const requests: string[] = [];
  const external: string[] = [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    timeout: 20_000,
    ...options,
  });
  context.on('request', (request) => void requests.push(request.url()));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLoopback(url) || isLocalOnly(url)) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  // The pages' CSP blocks outside loads before they reach the network: record those attempts too.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    requests,
    external,
    cspViolations: (on = page) =>
      on.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []),
    async close() {
      await context.close();
      if (existsSync(userDataDir)) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
