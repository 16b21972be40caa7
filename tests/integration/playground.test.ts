/**
 * The offline playground in a real browser (Debian's Chromium via playwright-core): the page
 * served by the gateway renders GraphiQL, runs a query against this gateway, and loads nothing
 * from any host other than 127.0.0.1 (municipal networks have no CDN access).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../helpers/system.js';

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
function isLocalOnly(url: string): boolean {
  return /^(blob|data|about|chrome|chrome-extension|devtools):/.test(url);
}

function isLoopback(url: string): boolean {
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

describe('playground (GraphiQL in Chromium)', () => {
  let system: System;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  /** Every request the browser made. */
  const requests: string[] = [];
  /** Requests to any host but 127.0.0.1 (aborted). */
  const external: string[] = [];
  /** CSP violations the page reported (blocked before they reach the network). */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    system = await startSystem({ citizens: 50 });
    userDataDir = mkdtempSync(join(tmpdir(), 'hoi-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      timeout: 20_000,
    });
    // Count every request; let through only 127.0.0.1 (and URLs that never leave the page).
    context.on('request', (request) => void requests.push(request.url()));
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLoopback(url) || isLocalOnly(url)) return route.continue();
      external.push(url);
      return route.abort('blockedbyclient');
    });
    // The page's CSP blocks outside loads before they reach the network: record those attempts too.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(
          `${e.violatedDirective} ${e.blockedURI}`,
        );
      });
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
  }, 40_000);

  afterAll(async () => {
    await context?.close();
    await system?.stop();
    if (userDataDir && existsSync(userDataDir))
      rmSync(userDataDir, { recursive: true, force: true });
  });

  it('runs { __typename } and loads nothing from outside 127.0.0.1', async () => {
    const response = await page.goto(system.url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await expect.poll(() => page.title()).toBe('hoi-gateway playground');

    // The query editor is Monaco; wait until it holds the default query.
    const queryEditor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await queryEditor.waitFor({ state: 'visible' });
    await expect
      .poll(() => queryEditor.locator('.view-lines').innerText(), { timeout: 15_000 })
      .toContain('Overview');

    // Replace its content: focus the editor, select all, type (Monaco's own key handling).
    await queryEditor.locator('.view-lines').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ __typename', { delay: 10 }); // Monaco auto-closes the brace
    await expect
      .poll(async () =>
        (await queryEditor.locator('.view-lines').innerText()).replace(/\s+/g, ' ').trim(),
      )
      .toBe('{ __typename}');

    // GraphiQL takes the new operation name from the editor after a 100 ms debounce; until then
    // the tab (and the request) still name `Overview`. The tab's title shows when it has caught up.
    await expect
      .poll(() => page.locator('.graphiql-tab-active .graphiql-tab-button').innerText())
      .not.toBe('Overview');

    // Run it. Monaco's autocomplete popup can cover the execute button: close it and retry.
    for (let attempt = 1; ; attempt += 1) {
      await page.keyboard.press('Escape');
      try {
        await page.locator('.graphiql-execute-button').click({ timeout: 2_000 });
        break;
      } catch (error) {
        if (attempt >= 4) throw error;
      }
    }

    const result = page.locator('.graphiql-response .monaco-editor .view-lines').first();
    await expect
      .poll(async () => (await result.innerText()).replace(/\s+/g, ' '), { timeout: 15_000 })
      .toContain('"__typename": "Query"');
    await page.screenshot({ path: join(tmpdir(), 'hoi-playground.png') }).catch(() => undefined);

    cspViolations.push(
      ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
    );
    // The page itself, introspection and the query, all from the gateway; nothing else.
    expect(requests.filter((url) => isLoopback(url)).length).toBeGreaterThanOrEqual(3);
    expect(requests.filter((url) => !isLoopback(url) && !isLocalOnly(url))).toEqual([]);
    expect(external).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
