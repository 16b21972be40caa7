/**
 * The offline playground in a real browser (Debian's Chromium via playwright-core): the page
 * served by the gateway renders GraphiQL with one tab per client kit operation, runs the
 * first (CitizenOverview) as preloaded, with the sample citizen's CPR and the development token
 * the page embeds for a browser on this machine, and loads nothing from any host other than
 * 127.0.0.1 (municipal networks have no CDN access).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areasWithData } from '@hoi/dataset';
import { readClientOperations, TAB_ORDER } from '@hoi/gateway';
import {
  isLocalOnly,
  isLoopback,
  openLoopbackBrowser,
  type LoopbackBrowser,
} from '../helpers/browser.js';
import { startSystem, type System } from '../helpers/system.js';

/**
 * Runs the active tab and returns the request it sent for `operation`. GraphiQL takes a tab's
 * operation name from its editor after a 100 ms debounce, and until then runs nothing (or the
 * previous tab's name): click again until the request goes out.
 */
async function run(page: Page, operation: string): Promise<Request> {
  for (let attempt = 1; ; attempt += 1) {
    const sent = page.waitForRequest(
      (r) => r.method() === 'POST' && (r.postData() ?? '').includes(`"${operation}"`),
      { timeout: 2_000 },
    );
    await page.locator('.graphiql-execute-button').click();
    try {
      return await sent;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

describe('playground (GraphiQL in Chromium)', () => {
  let system: System;
  let browser: LoopbackBrowser;
  let page: Page;
  /** CSP violations the page reported (blocked before they reach the network). */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    // The gateway reads the dataset's configuration as the subgraphs do (seed 7 is the tests').
    system = await startSystem({
      citizens: 50,
      gatewayEnv: { DATASET_SEED: '7', DATASET_CITIZENS: '50', PLAN_DEMO_CITIZENS: '0' },
    });
    browser = await openLoopbackBrowser();
    page = browser.page;
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('opens the client kit operations as tabs, runs CitizenOverview and MyOverview as preloaded (sample CPR, development tokens), and loads nothing from outside 127.0.0.1', async () => {
    const response = await page.goto(system.url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
    await expect.poll(() => page.title()).toBe('hoi-gateway playground');

    // One tab per operation of the client kit, the most useful first; the first one active.
    const titles = page.locator('.graphiql-tab .graphiql-tab-button');
    await expect
      .poll(async () => (await titles.allInnerTexts()).map((t) => t.trim()), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([...TAB_ORDER]));
    expect((await titles.allInnerTexts()).slice(0, 9).map((t) => t.trim())).toEqual(
      TAB_ORDER.slice(0, 9),
    );
    expect((await titles.count()) >= readClientOperations().length).toBe(true);
    await expect
      .poll(() => page.locator('.graphiql-tab-active .graphiql-tab-button').innerText())
      .toBe('CitizenOverview');
    // The query editor (Monaco) holds the operation once GraphiQL is up.
    const queryEditor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await queryEditor.waitFor({ state: 'visible' });
    await expect
      .poll(() => queryEditor.locator('.view-lines').innerText(), { timeout: 15_000 })
      .toContain('CitizenOverview');

    // Run it as prefilled: the request carries the tab's variables and token.
    const request = await run(page, 'CitizenOverview');
    const body = JSON.parse(request.postData() ?? '{}') as {
      operationName?: string;
      variables?: { cpr?: string };
    };
    expect(body.operationName).toBe('CitizenOverview');
    const cpr = body.variables?.cpr ?? '';
    // A citizen of the running system's dataset, with data in several areas.
    const citizen = system.dataset.byCpr(cpr);
    expect(citizen && areasWithData(citizen).length).toBeGreaterThanOrEqual(4);
    expect(request.headers()['authorization']).toMatch(/^Bearer eyJ/);
    const answer = (await (await request.response())?.json()) as {
      errors?: unknown[];
      data?: { citizen?: { cpr: string; cases: unknown[]; access: { visible: boolean }[] } };
    };
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.citizen?.cpr).toBe(cpr);
    expect(answer.data?.citizen?.cases.length).toBeGreaterThan(0);
    // The caseworker of the playground's token has authority in every area.
    expect(answer.data?.citizen?.access.every((a) => a.visible)).toBe(true);

    const result = page.locator('.graphiql-response .monaco-editor .view-lines').first();
    await expect
      .poll(async () => (await result.innerText()).replace(/\s+/g, ' '), { timeout: 15_000 })
      .toContain(`"cpr": "${cpr}"`);
    await page.screenshot({ path: join(tmpdir(), 'hoi-playground.png') }).catch(() => undefined);

    // Another tab runs as its own role: MyOverview with the sample citizen's own token.
    await page.locator('.graphiql-tab-button', { hasText: /^MyOverview$/ }).click();
    await expect.poll(() => queryEditor.locator('.view-lines').innerText()).toContain('MyOverview');
    const own = (await (await (await run(page, 'MyOverview')).response())?.json()) as {
      errors?: unknown[];
      data?: { me?: { cpr: string } };
    };
    expect(own.errors).toBeUndefined();
    expect(own.data?.me?.cpr).toBe(cpr);

    // (The page's CSP reports of this load; a reload starts a new list.)
    cspViolations.push(...(await browser.cspViolations()));

    // A reload opens the page again (not a GraphQL GET of the query GraphiQL keeps in the
    // address), as preloaded.
    expect(new URL(page.url()).searchParams.has('query')).toBe(true);
    const reloaded = await page.reload({ waitUntil: 'load' });
    expect(reloaded?.status()).toBe(200);
    await expect
      .poll(() => page.locator('.graphiql-tab-active .graphiql-tab-button').innerText(), {
        timeout: 15_000,
      })
      .toBe('CitizenOverview');

    cspViolations.push(...(await browser.cspViolations()));
    // The page itself, introspection and the query, all from the gateway; nothing else.
    expect(browser.requests.filter((url) => isLoopback(url)).length).toBeGreaterThanOrEqual(3);
    expect(browser.requests.filter((url) => !isLoopback(url) && !isLocalOnly(url))).toEqual([]);
    expect(browser.external).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
