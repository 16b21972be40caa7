/**
 * Many instances (issue 14): two gateways, two consent instances and two of each index
 * subgraph, as separate processes sharing one PostgreSQL and one Redis, each subgraph behind
 * a round-robin proxy (what a Kubernetes Service does). Load spreads across all of them;
 * after a withdrawal no read on any instance is stale; with one instance of each killed
 * (SIGKILL) mid-load, every request to the live gateway is answered, and no acknowledged
 * consent or plan write is lost.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '@hoi/dataset';
import { SECTOR_AREAS } from '@hoi/domain';
import { throwawaySchema } from '../helpers/database.js';
import { requiredEnv } from '../helpers/env.js';
import { startService, stopProcess, type ServiceProcess } from '../helpers/processes.js';
import { postGraphQL, signTestToken, type GraphQLResponse } from '../helpers/system.js';

const DATABASE_URL = requiredEnv('DATABASE_URL');
const REDIS_URL = requiredEnv('REDIS_URL');
const JWT_SECRET = randomBytes(32).toString('base64url');
const CITIZENS = 1000;
const dataset = createDataset({ seed: 5, citizens: CITIZENS });
const schema = throwawaySchema(DATABASE_URL, 't_many');
const PAIRED = ['consent', 'cases', 'benefits', 'interventions', 'employment'] as const;
const SINGLE = ['screening', 'plan'] as const;
type Name = (typeof PAIRED)[number] | (typeof SINGLE)[number];

const logs: string[] = [];
const instances = new Map<Name, ServiceProcess[]>();
const proxies: Server[] = [];
const proxyUrls = {} as Record<Name, string>;
let gateways: ServiceProcess[] = [];

const env: Record<string, string> = {
  LOG_LEVEL: 'warn',
  ACCESS_CONTEXT_SECRET: randomBytes(32).toString('base64url'),
  AUDIT_PSEUDONYM_KEY: randomBytes(32).toString('base64url'),
  CACHE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  CACHE_KEY_PREFIX: `hoi:many:${randomBytes(4).toString('hex')}:`,
  REDIS_URL,
  DATABASE_URL,
  DATABASE_SCHEMA: schema.schema,
  DATASET_CITIZENS: String(CITIZENS),
  DATASET_SEED: '5',
  AUTH_JWT_SECRET: JWT_SECRET,
  PLAN_DEMO_CITIZENS: '0',
  SCREENING_REFRESH_MINUTES: '0',
  // The load below comes from a few principals as fast as the machine allows.
  RATE_LIMIT_PER_PRINCIPAL: '0',
};

/** Starts a compiled service on a free port; resolves once it logged its URL. */
function start(entry: string, extra: Record<string, string>): Promise<ServiceProcess> {
  // Info level for the one "listening" line the helper waits for; warn otherwise.
  return startService(entry, { ...env, LOG_LEVEL: 'info', ...extra }, logs, 60_000);
}

/**
 * A round-robin proxy over a subgraph's instances: a request that cannot reach one instance
 * (refused: it is dead) goes to the next, as behind a Service with a failed endpoint.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

async function proxyFor(name: Name): Promise<string> {
  let next = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    // A copy: the list changes when an instance dies, while this request is on its way.
    const targets = [...(instances.get(name) ?? [])];
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
      ),
    );
    const first = next++;
    for (let attempt = 0; attempt < targets.length; attempt++) {
      const target = targets[(first + attempt) % targets.length] as ServiceProcess;
      try {
        const answer = await fetch(new URL(req.url ?? '/', target.url), {
          method: req.method,
          headers,
          body: req.method === 'POST' ? body : undefined,
        });
        const text = Buffer.from(await answer.arrayBuffer());
        // End-to-end headers pass through, as any reverse proxy's do (a held answer's among
        // them); the hop-by-hop ones are this proxy's own.
        const passed = [...answer.headers].filter(([h]) => !HOP_BY_HOP.has(h));
        res.writeHead(answer.status, Object.fromEntries(passed));
        res.end(text);
        return;
      } catch {
        // That instance is gone: the next one.
      }
    }
    res.writeHead(502).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxies.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
}

/** A caseworker's token for these gateways (their development issuer and audience). */
const token = (areas: readonly string[], sub: string): Promise<string> =>
  signTestToken({ role: 'caseworker', sub, areas: [...areas] }, { secret: JWT_SECRET });

const ask = (gateway: ServiceProcess, query: string, variables: object, bearer: string) =>
  postGraphQL(gateway.url, { query, variables }, { authorization: `Bearer ${bearer}` });

beforeAll(async () => {
  for (const name of [...PAIRED, ...SINGLE]) proxyUrls[name] = await proxyFor(name);
  const urls = Object.fromEntries(
    Object.entries(proxyUrls).map(([n, url]) => [`${n.toUpperCase()}_URL`, url]),
  );
  // Migrations of one schema run one instance at a time (advisory locks): start the first
  // instance of each store-owning service alone, the rest together.
  for (const name of [...PAIRED, ...SINGLE]) {
    const port = { [`${name.toUpperCase()}_PORT`]: '0' };
    instances.set(name, [await start(`subgraphs/${name}/dist/index.js`, { ...port, ...urls })]);
  }
  await Promise.all(
    PAIRED.map(async (name) => {
      const port = { [`${name.toUpperCase()}_PORT`]: '0' };
      instances
        .get(name)!
        .push(await start(`subgraphs/${name}/dist/index.js`, { ...port, ...urls }));
    }),
  );
  gateways = await Promise.all(
    [0, 1].map(() => start('gateway/dist/index.js', { PORT: '0', ...urls })),
  );
  // Ready: every subgraph answered through the proxies.
  for (const gateway of gateways) {
    const ready = gateway.url.replace(/\/graphql$/, '/ready');
    for (let i = 0; i < 200 && !(await fetch(ready).catch(() => null))?.ok; i++)
      await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);

afterAll(async () => {
  const all = [...gateways, ...[...instances.values()].flat()];
  await Promise.all(all.map((p) => stopProcess(p.child, 'SIGKILL')));
  await Promise.all(proxies.map((s) => new Promise((r) => s.close(r))));
  await schema.dispose();
});

const CASES = 'query Cases($cpr: CPR!) { citizen(cpr: $cpr) { cases { id area } } }';
const OVERVIEW =
  'query Overview($cpr: CPR!) { citizen(cpr: $cpr) { cpr access { area visible } cases { id } benefits { id } interventions { id } employment { contactGroup } } }';

function citizen(where: (i: number) => boolean): string {
  for (let i = 0; i < dataset.size; i++) if (where(i)) return dataset.cprAt(i);
  throw new Error('no such citizen');
}

describe('two of each, sharing PostgreSQL and Redis', () => {
  it('spreads load, and after a withdrawal on one instance no read anywhere is stale', async () => {
    const all = await token(SECTOR_AREAS, 'cw-all');
    const limited = await token(['EMPLOYMENT'], 'cw-limited');
    const cpr = citizen(
      (i) =>
        dataset.at(i).cases.some((c) => c.area === 'HEALTH') && dataset.at(i).consents.length === 0,
    );
    const healthShown = async (g: ServiceProcess) => {
      const res = await ask(g, CASES, { cpr }, limited);
      expect(res.errors).toBeUndefined();
      return (res.data!.citizen as { cases: { area: string }[] }).cases.some(
        (c) => c.area === 'HEALTH',
      );
    };
    const [a, b] = gateways as [ServiceProcess, ServiceProcess];
    const given = await ask(
      a,
      'mutation G($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [HEALTH], validUntil: "2099-12-31") { id } }',
      { cpr },
      all,
    );
    expect(given.errors).toBeUndefined();
    // Both gateways, and through the proxies every consent instance, read the consented view.
    for (let i = 0; i < 8; i++) expect(await healthShown(gateways[i % 2]!)).toBe(true);

    const withdrawn = await ask(
      b,
      'mutation W($cpr: CPR!) { withdrawConsent(cpr: $cpr) { status } }',
      { cpr },
      all,
    );
    expect(withdrawn.errors).toBeUndefined();
    let stale = 0;
    for (let batch = 0; batch < 50; batch++) {
      const seen = await Promise.all(
        Array.from({ length: 20 }, (_, i) => healthShown(gateways[(batch + i) % 2]!)),
      );
      stale += seen.filter(Boolean).length;
    }
    expect(stale).toBe(0);
    // Overviews of many citizens on both gateways: every subgraph is asked, round robin.
    for (let i = 0; i < 40; i++) {
      const res = await ask(gateways[i % 2]!, OVERVIEW, { cpr: dataset.cprAt(i * 7) }, all);
      expect(res.errors).toBeUndefined();
    }
    // The load was spread: every instance of every paired subgraph answered requests.
    for (const name of PAIRED) {
      for (const instance of instances.get(name)!) {
        const text = await (await fetch(instance.url.replace(/\/graphql$/, '/metrics'))).text();
        const served = text
          .split('\n')
          .filter((l) => l.startsWith('hoi_graphql_requests_total'))
          .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
        expect(served, name).toBeGreaterThan(0);
      }
    }
  }, 120_000);

  it('answers every request to the live gateway while one of each dies, and loses no acknowledged write', async () => {
    const all = await token(SECTOR_AREAS, 'cw-writer');
    const reader = await token(SECTOR_AREAS, 'cw-reader');
    const [live, doomed] = [gateways[1]!, gateways[0]!];
    const failures: GraphQLResponse[] = [];
    let answered = 0;
    let running = true;
    // Readers on the live gateway, over many citizens.
    const readers = Array.from({ length: 6 }, async (_, r) => {
      for (let i = 0; running; i++) {
        const res = await ask(
          live,
          OVERVIEW,
          { cpr: dataset.cprAt((r * 97 + i * 13) % CITIZENS) },
          reader,
        );
        if (res.errors || res.status !== 200) failures.push(res);
        else answered += 1;
      }
    });
    // Writers on the live gateway: consents, then a plan with sub-goals, each acknowledged.
    const acknowledged = { consents: [] as string[], subGoals: [] as string[] };
    const writer = (async () => {
      for (let i = 0; running && i < 40; i++) {
        const cpr = dataset.cprAt(500 + i);
        const res = await ask(
          live,
          'mutation G($cpr: CPR!) { giveConsent(cpr: $cpr, areas: [EMPLOYMENT, HEALTH], validUntil: "2099-12-31") { id } }',
          { cpr },
          all,
        );
        if (res.errors) failures.push(res);
        else acknowledged.consents.push(cpr);
        if (i === 0 && !res.errors) {
          const plan = await ask(
            live,
            'mutation P($cpr: CPR!) { createHoiPlan(cpr: $cpr, overallGoal: "Jeg vil have et job") { id version } }',
            { cpr },
            all,
          );
          if (plan.errors) failures.push(plan);
          else {
            const created = plan.data!.createHoiPlan as { id: string; version: number };
            const id = created.id;
            let version = created.version;
            for (let k = 0; k < 10; k++) {
              const text = `Delmål ${k}`;
              const added = await ask(
                live,
                'mutation A($id: ID!, $v: Int!, $t: String!) { addSubGoal(planId: $id, expectedVersion: $v, area: HEALTH, text: $t) { version } }',
                { id, v: version, t: text },
                all,
              );
              if (added.errors) failures.push(added);
              else {
                version = (added.data!.addSubGoal as { version: number }).version;
                acknowledged.subGoals.push(text);
              }
            }
          }
        }
      }
    })();

    await new Promise((r) => setTimeout(r, 1500));
    // One of each dies: the first gateway, and the first instance of every paired subgraph.
    await Promise.all([
      stopProcess(doomed.child, 'SIGKILL'),
      ...PAIRED.map((name) => stopProcess(instances.get(name)![0]!.child, 'SIGKILL')),
    ]);
    for (const name of PAIRED) instances.get(name)!.shift();
    await new Promise((r) => setTimeout(r, 3000));
    running = false;
    await Promise.all([...readers, writer]);

    expect(failures.map((f) => f.errors?.[0]?.message ?? f.status)).toEqual([]);
    expect(answered).toBeGreaterThan(50);
    expect(acknowledged.consents.length).toBeGreaterThan(0);
    // Every acknowledged write is there, read through the surviving instances.
    for (const cpr of acknowledged.consents) {
      const res = await ask(
        live,
        'query C($cpr: CPR!) { citizen(cpr: $cpr) { consent { status areas } } }',
        { cpr },
        all,
      );
      expect(res.data?.citizen).toEqual({
        consent: { status: 'ACTIVE', areas: ['EMPLOYMENT', 'HEALTH'] },
      });
    }
    const first = acknowledged.consents[0]!;
    const plan = await ask(
      live,
      'query P($cpr: CPR!) { citizen(cpr: $cpr) { hoiPlan { subGoals { text } } } }',
      { cpr: first },
      all,
    );
    const texts = (
      (plan.data?.citizen as { hoiPlan: { subGoals: { text: string }[] } }).hoiPlan?.subGoals ?? []
    ).map((g) => g.text);
    expect(texts).toEqual(acknowledged.subGoals);
    expect(logs.join('')).not.toMatch(/\b\d{6}-?\d{4}\b/);
  }, 120_000);
});
