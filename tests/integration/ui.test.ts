/**
 * The reference UI (Overblik) in a real browser (Debian's Chromium via playwright-core): the
 * BFF serves the built web app and forwards to the gateway; a caseworker logs in (development
 * login), looks up a citizen with a demo plan, sees exactly the panels the API says are
 * visible, withdraws and gives consent and sees panels disappear and appear, adds an
 * agreement and finds it on the timeline; the citizen sees their own overview, plan and
 * access log; the screener their list. axe-core finds no serious or critical violation on
 * any page, and no request leaves 127.0.0.1.
 *
 * With UI_SCREENSHOTS=<folder> (`npm run ui:screenshots`) it also writes the README's
 * screenshots there.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '@hoi/dataset';
import { sourceUnavailable } from '@hoi/domain';
import { createDevTokenSigner, createLogger } from '@hoi/platform';
import { embeddedSource, SOURCES } from '@hoi/sources';
import { createBff, DEFAULT_WEB_ROOT, type Bff } from '@hoi/ui';
import {
  isLocalOnly,
  isLoopback,
  openLoopbackBrowser,
  type LoopbackBrowser,
} from '../helpers/browser.js';
import { JWT_SECRET, signTestToken, startSystem, type System } from '../helpers/system.js';

const SCREENSHOTS = process.env.UI_SCREENSHOTS;
const OWN_AREAS = ['EMPLOYMENT', 'HEALTH'];

interface Access {
  area: string;
  visible: boolean;
  basis: string;
}

describe('reference UI (Overblik) in Chromium', () => {
  let system: System;
  let bff: Bff;
  let uiUrl: string;
  let browser: LoopbackBrowser;
  let page: Page;
  let cpr: string;
  let caseworkerToken: string;
  const axeFindings: string[] = [];
  let benefitsDown = false;

  /** The API's access list for the caseworker, straight from the gateway. */
  async function apiAccess(): Promise<Access[]> {
    const res = await system.query(
      'query ($cpr: CPR!) { citizen(cpr: $cpr) { access { area visible basis } } }',
      { cpr },
      caseworkerToken,
    );
    return (res.data as { citizen: { access: Access[] } }).citizen.access;
  }

  /** The panels the page shows. */
  async function panels(): Promise<Access[]> {
    const list = page.getByTestId('area-panel');
    await expect.poll(() => list.count()).toBe(6);
    return list.evaluateAll((els) =>
      els.map((el) => ({
        area: el.getAttribute('data-area') ?? '',
        visible: el.getAttribute('data-visible') === 'true',
        basis: el.getAttribute('data-basis') ?? '',
      })),
    );
  }

  /** Panels as the API says, and hidden ones say only "Ingen adgang" under their heading. */
  async function expectPanelsMatchApi(): Promise<Access[]> {
    const api = await apiAccess();
    await expect.poll(panels, { timeout: 10_000 }).toEqual(api);
    for (const hidden of await page.locator('[data-testid=area-panel][data-visible=false]').all())
      expect((await hidden.innerText()).split('\n').filter(Boolean).slice(1)).toEqual([
        'Ingen adgang',
      ]);
    return api;
  }

  async function axe(name: string): Promise<void> {
    const result = await new AxeBuilder({ page }).analyze();
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        axeFindings.push(
          `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target).join(' ')}`,
        );
  }

  async function shot(name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async function tab(name: string): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Borgerens sider' })
      .getByRole('button', { name })
      .click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
  }

  async function login(role: string, fill?: () => Promise<void>): Promise<void> {
    await page.goto(uiUrl, { waitUntil: 'load' });
    await page.locator('h1').first().waitFor();
    const logout = page.getByRole('button', { name: 'Log ud' });
    if (await logout.isVisible().catch(() => false)) await logout.click();
    await page.getByRole('heading', { name: 'Log ind (udvikling)' }).waitFor();
    await page.getByLabel(role, { exact: true }).check();
    await fill?.();
    await page.getByRole('button', { name: 'Log ind' }).click();
  }

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_WEB_ROOT, 'index.html')))
      throw new Error(`the web app is not built (${DEFAULT_WEB_ROOT}): run npm run build`);
    // The overview's benefit index, failing while `benefitsDown` (the same dataset as the system's).
    const benefits = embeddedSource(
      SOURCES['benefit-index'],
      createDataset({ seed: 7, citizens: 2000 }),
    );
    system = await startSystem({
      citizens: 2000,
      demoPlanCitizens: 2000,
      sources: () => ({
        benefits: {
          name: benefits.name,
          fetchMany: (cprs) =>
            benefitsDown
              ? Promise.reject(sourceUnavailable(benefits.name))
              : benefits.fetchMany(cprs),
        },
      }),
    });
    caseworkerToken = await signTestToken({
      role: 'caseworker',
      areas: OWN_AREAS,
      sub: 'caseworker-dev',
    });
    // A citizen with a demo plan whose meetings overlap, and an ACTIVE consent.
    const all = await signTestToken({
      role: 'caseworker',
      areas: ['EMPLOYMENT', 'SOCIAL_ADULT', 'CHILDREN_FAMILY', 'HEALTH', 'EDUCATION', 'ADDICTION'],
      sub: 'finder',
    });
    const cprs = Array.from({ length: 500 }, (_, i) => system.dataset.cprAt(i));
    const found = await system.query(
      'query ($cprs: [CPR!]!) { citizens(cprs: $cprs) { cpr consent { status } hoiPlan { meetings { area conflictsWith } } } }',
      { cprs },
      all,
    );
    type Row = {
      cpr: string;
      consent: { status: string } | null;
      hoiPlan: { meetings: { area: string; conflictsWith: string[] }[] } | null;
    };
    const rows = (found.data as { citizens: Row[] }).citizens;
    const pick =
      rows.find(
        (r) =>
          r.consent?.status === 'ACTIVE' &&
          r.hoiPlan?.meetings.some((m) => m.conflictsWith.length > 0 && OWN_AREAS.includes(m.area)),
      ) ?? rows.find((r) => r.consent?.status === 'ACTIVE' && r.hoiPlan);
    if (!pick) throw new Error('no citizen with a demo plan and an active consent');
    cpr = pick.cpr;

    bff = createBff({
      gatewayUrl: system.url,
      webRoot: DEFAULT_WEB_ROOT,
      secureCookies: false,
      devLogin: createDevTokenSigner({ secret: JWT_SECRET }),
      sessionIdleSeconds: 600,
      sessionMaxSeconds: 3600,
      logger: createLogger('ui', { level: 'silent' }),
    });
    await new Promise<void>((resolve) => bff.server.listen(0, '127.0.0.1', resolve));
    uiUrl = `http://127.0.0.1:${(bff.server.address() as AddressInfo).port}/`;

    browser = await openLoopbackBrowser({
      viewport: { width: 1280, height: 900 },
      locale: 'da-DK',
      timezoneId: 'Europe/Copenhagen',
    });
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bff?.close();
    await system?.stop();
  });

  it('serves the app with a self-only CSP and refuses cross-site and unauthenticated calls', async () => {
    const res = await fetch(uiUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const anonymous = await fetch(new URL('/api/graphql', uiUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hoi-bff': '1' },
      body: '{"query":"{ __typename }"}',
    });
    expect(anonymous.status).toBe(401);
    const crossSite = await fetch(new URL('/auth/dev-login', uiUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{"role":"auditor"}',
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();
  });

  it('a caseworker sees the visible panels, changes consent, adds an agreement and finds it on the timeline', async () => {
    await page.goto(uiUrl, { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Log ind (udvikling)' }).waitFor();
    await axe('login');
    await login('Sagsbehandler', async () => {
      for (const label of ['Sundhed']) await page.getByLabel(label, { exact: true }).check();
    });
    await page.getByRole('heading', { name: 'Overblik over en borger' }).waitFor();
    await page.getByLabel('CPR-nummer').fill(cpr);
    await page.getByRole('button', { name: 'Slå op' }).click();
    const before = await expectPanelsMatchApi();
    expect(before.filter((a) => a.visible).length).toBeGreaterThan(OWN_AREAS.length);
    await expect(page.getByTestId('source-banner').count()).resolves.toBe(0);
    await axe('overview');

    // A source that does not answer: a banner names it, the panels stay.
    benefitsDown = true;
    await page.getByRole('button', { name: 'Slå op' }).click();
    const banner = page.getByTestId('source-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Ydelsesindekset');
    expect(await panels()).toEqual(before);
    await axe('overview with a source down');
    benefitsDown = false;
    await page.getByRole('button', { name: 'Slå op' }).click();
    await expect.poll(() => banner.count()).toBe(0);

    // Withdraw: the consented panels disappear (hidden), own authority stays.
    await tab('Samtykke');
    await axe('consent');
    await page.getByRole('button', { name: 'Tilbagekald samtykke' }).click();
    await expect
      .poll(() => page.getByTestId('consent-status').innerText())
      .toBe('Borgeren har intet aktivt samtykke.');
    await tab('Overblik');
    const withdrawn = await expectPanelsMatchApi();
    expect(withdrawn.filter((a) => a.visible).map((a) => a.area)).toEqual(OWN_AREAS);
    await shot('overview');

    // Give consent to every area: all six panels appear.
    await tab('Samtykke');
    await page.getByRole('button', { name: 'Registrér samtykke' }).click();
    await expect
      .poll(() => page.getByTestId('consent-status').innerText())
      .toMatch(/^Aktivt samtykke/);
    await expect
      .poll(() => page.getByTestId('consent-history').locator('tbody tr').count())
      .toBeGreaterThan(1);
    await tab('Overblik');
    const given = await expectPanelsMatchApi();
    expect(given.every((a) => a.visible)).toBe(true);

    // Add an agreement in an own area; it is on the plan and the timeline.
    await tab('Samlet plan');
    await page.getByTestId('plan').waitFor();
    await axe('plan');
    const text = 'Jeg møder op til genoptræning hver tirsdag';
    await page.getByLabel('Aftale', { exact: true }).check();
    await page.getByLabel('Område (kun dine egne områder)').selectOption('HEALTH');
    await page.getByLabel('Tekst').fill(text);
    await page.getByLabel('Dato (frist eller måldato, valgfri)').fill('2027-01-15');
    await page.getByRole('button', { name: 'Tilføj', exact: true }).click();
    await page.getByText('Aftalen er tilføjet.').waitFor();
    await expect.poll(() => page.getByTestId('agreements').innerText()).toContain(text);
    await tab('Tidslinje');
    const row = page.getByTestId('timeline').locator('tr[data-kind=AGREEMENT]', { hasText: text });
    await row.waitFor();
    expect(await row.innerText()).toContain('Sundhed');
    expect(await page.getByTestId('meeting-conflict').count()).toBeGreaterThan(0);
    await axe('timeline');
    await shot('timeline');
  }, 90_000);

  it('a citizen sees their own overview, plan and access log', async () => {
    await login('Borger', () => page.getByLabel('Dit CPR-nummer').fill(cpr));
    await page.getByRole('heading', { name: 'Mit overblik' }).waitFor();
    const shown = await panels();
    expect(shown.every((p) => p.visible && p.basis === 'OWN_DATA')).toBe(true);
    await page.getByTestId('plan').waitFor();
    const log = page.getByTestId('access-log');
    await expect.poll(() => log.locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await log.innerText()).toContain('Sagsbehandler');
    await axe('citizen');
    await shot('citizen');
  }, 90_000);

  it('a screener sees the screening list; an auditor an access log', async () => {
    await login('Udsøger');
    await page.getByRole('heading', { name: 'HOI-udsøgning' }).waitFor();
    await expect
      .poll(() => page.getByTestId('screening').locator('tbody tr').count())
      .toBeGreaterThan(0);
    await axe('screening');
    await login('Databeskyttelsesrådgiver');
    await page.getByLabel('Borgerens CPR-nummer').fill(cpr);
    await page.getByRole('button', { name: 'Vis log' }).click();
    await expect
      .poll(() => page.getByTestId('access-log').locator('tbody tr').count())
      .toBeGreaterThan(0);
    await axe('auditor');
  }, 90_000);

  it('found no serious or critical accessibility violation and loaded nothing from outside 127.0.0.1', async () => {
    expect(axeFindings).toEqual([]);
    expect(await browser.cspViolations()).toEqual([]);
    expect(browser.external).toEqual([]);
    expect(browser.requests.length).toBeGreaterThan(10);
    for (const url of browser.requests) expect(isLoopback(url) || isLocalOnly(url), url).toBe(true);
  });
});
