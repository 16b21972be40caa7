/**
 * The deployment files (issue 14, acceptance 5) against the services' own configuration: the
 * kustomize overlay is rendered with `kubectl kustomize` (offline) and deploy/compose.yaml is
 * parsed; for every service, its Deployment (or compose service), port, probe paths and
 * production settings are checked, and the environment each would get is loaded by the
 * service's own `load…Config`, so a manifest and the code cannot drift apart unnoticed.
 * No container engine runs here: nothing is built or started.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadGatewayConfig } from '@hoi/gateway';
import {
  ConfigError,
  DEFAULT_SUBGRAPH_PORTS,
  SUBGRAPH_NAMES,
  type SubgraphName,
} from '@hoi/platform';
import { loadSubgraphConfig } from '@hoi/subgraph-kit';
import { loadConsentConfig } from '@hoi/subgraph-consent';
import { loadPlanConfig } from '@hoi/subgraph-plan';
import { loadScreeningConfig } from '@hoi/subgraph-screening';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OVERLAY = 'deploy/k8s/overlays/example';

type Service = 'gateway' | SubgraphName;
const PORTS: Readonly<Record<Service, number>> = { gateway: 4000, ...DEFAULT_SUBGRAPH_PORTS };
const SERVICES = Object.keys(PORTS) as Service[];
/** The subgraphs that keep records (PostgreSQL in production). */
const RECORDS: readonly Service[] = ['consent', 'screening', 'plan'];
/** Two replicas in the example overlay. */
const REPLICATED: readonly Service[] = [
  'gateway',
  'consent',
  'cases',
  'benefits',
  'interventions',
  'employment',
];

/** Valid values for the secrets (the committed files hold placeholders). */
const SECRETS: Readonly<Record<string, string>> = {
  DATABASE_URL: 'postgresql://hoi:pw@postgres:5432/hoi',
  REDIS_URL: 'redis://:pw@redis:6379/0',
  ACCESS_CONTEXT_SECRET: 'deploy-test-access-context-secret-0123456789',
  CACHE_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  AUDIT_PSEUDONYM_KEY: 'deploy-test-audit-pseudonym-key-0123456789',
};

/** The configuration a service loads from `env`, in the parts every service has. */
interface Loaded {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  readonly shutdown: { readonly drainMs: number; readonly timeoutMs: number };
  readonly sourceMode?: string;
  readonly databaseUrl?: string;
}

function loadConfig(service: Service, env: NodeJS.ProcessEnv): Loaded {
  if (service === 'gateway') return loadGatewayConfig(env);
  const withRecords =
    service === 'consent'
      ? loadConsentConfig(env)
      : service === 'screening'
        ? loadScreeningConfig(env)
        : service === 'plan'
          ? loadPlanConfig(env)
          : null;
  const config = withRecords ?? loadSubgraphConfig(service, env);
  return {
    ...config,
    sourceMode: config.source.mode,
    databaseUrl: withRecords?.databaseUrl,
  };
}

function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

type Json = Record<string, unknown>;
interface K8sObject {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [key: string]: unknown;
}
interface Probe {
  readonly httpGet?: { readonly path?: string; readonly port?: string | number };
}
interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly secretKeyRef?: { readonly name: string; readonly key: string } };
}
interface Container {
  readonly name: string;
  readonly image: string;
  readonly args?: readonly string[];
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly envFrom?: readonly { readonly configMapRef?: { readonly name: string } }[];
  readonly env?: readonly EnvVar[];
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly resources?: { readonly requests?: Json };
}
interface Deployment extends K8sObject {
  readonly spec: {
    readonly replicas?: number;
    readonly selector: { readonly matchLabels: Json };
    readonly template: {
      readonly metadata: { readonly labels: Json };
      readonly spec: {
        readonly terminationGracePeriodSeconds?: number;
        readonly containers: readonly Container[];
      };
    };
  };
}
interface K8sService extends K8sObject {
  readonly spec: {
    readonly selector: Json;
    readonly ports: readonly { readonly port: number; readonly targetPort: string | number }[];
  };
}

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = kubectl.error === undefined && kubectl.status === 0;

function render(): K8sObject[] {
  const out = spawnSync('kubectl', ['kustomize', OVERLAY], { cwd: ROOT, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`kubectl kustomize ${OVERLAY} failed:\n${out.stderr}`);
  return parseAllDocuments(out.stdout).map((d) => d.toJS() as K8sObject);
}

/** The environment a container gets: its ConfigMaps, then its own entries (secrets by key). */
function containerEnv(
  container: Container,
  objects: readonly K8sObject[],
): { env: Record<string, string>; secretKeys: Record<string, string> } {
  const env: Record<string, string> = {};
  const secretKeys: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const name = from.configMapRef?.name;
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
    expect(map, `ConfigMap ${name}`).toBeDefined();
    Object.assign(env, (map as unknown as { data: Record<string, string> }).data);
  }
  for (const e of container.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    if (ref) {
      const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === ref.name);
      expect(secret, `Secret ${ref.name}`).toBeDefined();
      expect(Object.keys((secret as unknown as { data: Json }).data)).toContain(ref.key);
      secretKeys[e.name] = ref.key;
      delete env[e.name];
    } else if (e.value !== undefined) env[e.name] = e.value;
  }
  return { env, secretKeys };
}

describe.skipIf(!hasKubectl)(
  `kubectl kustomize ${OVERLAY}${hasKubectl ? '' : ' (skipped: kubectl is not installed)'}`,
  () => {
    const objects = hasKubectl ? render() : [];
    const deployment = (name: string) =>
      objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name) as
        Deployment | undefined;
    const service = (name: string) =>
      objects.find((o) => o.kind === 'Service' && o.metadata.name === name) as
        K8sService | undefined;

    it.each(SERVICES)('runs %s: its Deployment, Service, port and probes', (name) => {
      const d = deployment(name);
      expect(d, `Deployment ${name}`).toBeDefined();
      const pod = d!.spec.template;
      for (const [k, v] of Object.entries(d!.spec.selector.matchLabels))
        expect(pod.metadata.labels[k]).toBe(v);
      const [container] = pod.spec.containers;
      expect(container!.args).toEqual([name]);
      expect(container!.image).toMatch(/hoi-gateway/);
      const port = container!.ports?.find((p) => p.name === 'http');
      expect(port?.containerPort).toBe(PORTS[name]);
      const resolve = (p: string | number | undefined) =>
        typeof p === 'string' ? container!.ports?.find((q) => q.name === p)?.containerPort : p;
      expect(container!.readinessProbe?.httpGet?.path).toBe('/ready');
      expect(resolve(container!.readinessProbe?.httpGet?.port)).toBe(PORTS[name]);
      expect(container!.livenessProbe?.httpGet?.path).toBe('/health');
      expect(resolve(container!.livenessProbe?.httpGet?.port)).toBe(PORTS[name]);
      expect(container!.resources?.requests).toHaveProperty('cpu');
      expect(container!.resources?.requests).toHaveProperty('memory');

      const s = service(name);
      expect(s, `Service ${name}`).toBeDefined();
      for (const [k, v] of Object.entries(s!.spec.selector)) expect(pod.metadata.labels[k]).toBe(v);
      expect(s!.spec.ports).toHaveLength(1);
      expect(s!.spec.ports[0]!.port).toBe(PORTS[name]);
      expect(resolve(s!.spec.ports[0]!.targetPort)).toBe(PORTS[name]);
    });

    it.each(SERVICES)('gives %s the production environment its configuration accepts', (name) => {
      const d = deployment(name)!;
      const [container] = d.spec.template.spec.containers;
      const { env, secretKeys } = containerEnv(container!, objects);
      expect(env).toMatchObject({ NODE_ENV: 'production', SOURCE_MODE: 'http' });
      expect(secretKeys.REDIS_URL).toBe('REDIS_URL');
      expect(secretKeys.ACCESS_CONTEXT_SECRET).toBe('ACCESS_CONTEXT_SECRET');
      expect(secretKeys.CACHE_ENCRYPTION_KEY).toBe('CACHE_ENCRYPTION_KEY');
      if (RECORDS.includes(name)) expect(secretKeys.DATABASE_URL).toBe('DATABASE_URL');
      else expect(secretKeys).not.toHaveProperty('DATABASE_URL');

      // The committed placeholders are refused: a forgotten secret never starts a service.
      const placeholders = Object.fromEntries(
        Object.keys(secretKeys).map((k) => [k, 'REPLACE_ME']),
      );
      expect(problemsOf(() => loadConfig(name, { ...env, ...placeholders }))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^ACCESS_CONTEXT_SECRET /)]),
      );

      const secrets = Object.fromEntries(
        Object.entries(secretKeys).map(([k, key]) => [k, SECRETS[key] as string]),
      );
      const config = loadConfig(name, { ...env, ...secrets });
      expect(config).toMatchObject({ production: true, port: PORTS[name], host: '0.0.0.0' });
      if (name !== 'gateway') expect(config.sourceMode).toBe('http');
      if (RECORDS.includes(name)) expect(config.databaseUrl).toBe(SECRETS.DATABASE_URL);
      // The grace period covers the drain and the deadline, so a stop is never a SIGKILL.
      expect(config.shutdown.drainMs).toBeGreaterThan(0);
      const grace = d.spec.template.spec.terminationGracePeriodSeconds ?? 30;
      expect(grace * 1000).toBeGreaterThan(config.shutdown.drainMs + config.shutdown.timeoutMs);
    });

    it('routes the gateway, consent and plan to the subgraphs’ Services', () => {
      const [container] = deployment('gateway')!.spec.template.spec.containers;
      const { env } = containerEnv(container!, objects);
      for (const name of SUBGRAPH_NAMES) {
        const url = new URL(env[`${name.toUpperCase()}_URL`] ?? '');
        expect(url.hostname).toBe(name);
        expect(Number(url.port)).toBe(PORTS[name]);
        expect(url.pathname).toBe('/graphql');
        expect(service(name)).toBeDefined();
      }
    });

    it('runs two replicas of the gateway, consent and each index subgraph', () => {
      for (const name of SERVICES)
        expect(deployment(name)!.spec.replicas ?? 1, name).toBe(REPLICATED.includes(name) ? 2 : 1);
      const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
      expect(hpas.map((h) => h.metadata.name).sort()).toEqual([...REPLICATED].sort());
      for (const name of SERVICES)
        expect(
          objects.some((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === name),
          name,
        ).toBe(true);
    });

    it('points the sources at the simulator it runs, which has its Deployment and Service', () => {
      const [container] = deployment('cases')!.spec.template.spec.containers;
      expect(containerEnv(container!, objects).env.SOURCE_URL).toBe('http://simulator:4010');
      expect(deployment('simulator')!.spec.template.spec.containers[0]!.args).toEqual([
        'simulator',
      ]);
      expect(service('simulator')!.spec.ports[0]!.port).toBe(4010);
    });
  },
);

// ---------------------------------------------------------------------------------------------
// Compose

interface ComposeService {
  readonly image?: string;
  readonly command?: readonly string[];
  readonly env_file?: readonly string[];
  readonly environment?: Record<string, string>;
  readonly ports?: readonly string[];
  readonly stop_grace_period?: string;
  readonly depends_on?: Record<string, { readonly condition: string }>;
}

describe('deploy/compose.yaml', () => {
  const compose = parse(readFileSync(`${ROOT}deploy/compose.yaml`, 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  /** deploy/.env.example, its placeholders replaced by valid values. */
  const envFile = Object.fromEntries(
    readFileSync(`${ROOT}deploy/.env.example`, 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => {
        const [k, ...v] = l.split('=');
        return [k as string, SECRETS[k as string] ?? v.join('=')];
      }),
  );

  it('runs PostgreSQL, Redis, the simulator, the seven subgraphs and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['postgres', 'redis', 'simulator', ...SERVICES].sort(),
    );
    expect(compose.services.simulator!.command).toEqual(['simulator']);
    expect(compose.services.gateway!.ports).toEqual(['4000:4000']);
  });

  it.each(SERVICES)(
    'runs %s in production from the env file, as its configuration accepts',
    (name) => {
      const s = compose.services[name]!;
      expect(s.command).toEqual([name]);
      expect(s.env_file).toEqual(['.env']);
      expect(s.environment).toMatchObject({ NODE_ENV: 'production', SOURCE_MODE: 'http' });
      // Secrets only from the env file, never written in compose.yaml.
      for (const secret of Object.keys(SECRETS)) {
        expect(s.environment).not.toHaveProperty(secret);
        expect(envFile).toHaveProperty(secret);
      }
      expect(s.depends_on?.redis?.condition).toBe('service_healthy');
      if (RECORDS.includes(name)) expect(s.depends_on?.postgres?.condition).toBe('service_healthy');
      const config = loadConfig(name, { ...envFile, ...s.environment });
      expect(config).toMatchObject({ production: true, port: PORTS[name], host: '0.0.0.0' });
      if (name !== 'gateway') expect(config.sourceMode).toBe('http');
      const grace = Number(/^(\d+)s$/.exec(s.stop_grace_period ?? '')?.[1] ?? 10);
      expect(grace * 1000).toBeGreaterThan(config.shutdown.drainMs + config.shutdown.timeoutMs);
    },
  );

  it('routes the subgraphs to their compose services and the sources to the simulator', () => {
    const env = compose.services.gateway!.environment!;
    for (const name of SUBGRAPH_NAMES)
      expect(env[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${PORTS[name]}/graphql`);
    expect(env.SOURCE_URL).toBe('http://simulator:4010');
  });
});

// ---------------------------------------------------------------------------------------------
// The image

describe('deploy/Dockerfile', () => {
  const dockerfile = readFileSync(`${ROOT}deploy/Dockerfile`, 'utf8');
  const entrypoint = readFileSync(`${ROOT}deploy/docker-entrypoint.sh`, 'utf8');

  it('builds in stages and runs as a non-root user with a health check', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/npm ci\b/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it.each([...SERVICES, 'simulator'])(
    'starts %s from its compiled entry on its standard port',
    (name) => {
      const line = new RegExp(
        `^\\s*${name}\\)\\s+entry=([^;]+);\\s+port="\\$\\{([A-Z_]+):-(\\d+)\\}"`,
        'm',
      ).exec(entrypoint);
      expect(line, name).not.toBeNull();
      const [, entry, variable, port] = line!;
      const folder = name === 'gateway' || name === 'simulator' ? name : `subgraphs/${name}`;
      expect(entry).toBe(`${folder}/dist/index.js`);
      expect(readFileSync(`${ROOT}${folder}/src/index.ts`, 'utf8')).toContain('process.env');
      expect(variable).toBe(name === 'gateway' ? 'PORT' : `${name.toUpperCase()}_PORT`);
      expect(Number(port)).toBe(name === 'simulator' ? 4010 : PORTS[name as Service]);
    },
  );
});
