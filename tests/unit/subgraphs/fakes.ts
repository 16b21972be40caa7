/**
 * What the subgraph unit tests share: fake sources that record the batches they receive,
 * source records in every sector area, and running an operation through a subgraph's
 * `executeOperation` with the context its HTTP layer would build (no network).
 */
import type { AccessContext } from '@hoi/access';
import {
  type BenefitRecord,
  type CaseRecord,
  type EmploymentRecord,
  type InterventionRecord,
  type Principal,
  SECTOR_AREAS,
  type SectorArea,
} from '@hoi/domain';
import { createLogger, createMetrics, type Logger, type Metrics } from '@hoi/platform';
import type { CitizenSource } from '@hoi/sources';
import type { SubgraphContext, SubgraphServer } from '@hoi/subgraph-kit';

/** The secret the gateway and the subgraphs share in these tests. */
export const SECRET = 'unit-test-access-context-secret-0123456789';

/** A logger that writes nothing (the tests read responses, not logs). */
export const silentLogger = (): Logger => createLogger('test', { level: 'silent' });

/** Metrics in a registry of their own, without the process collectors. */
export const testMetrics = (): Metrics => createMetrics('test', { defaults: false });

/** A CitizenSource over fixed records that records every batch it receives. */
export interface FakeSource<T> extends CitizenSource<T> {
  /** The CPR lists of every fetchMany call, in call order. */
  readonly batches: string[][];
  /** When set, every fetchMany rejects with it (after recording its batch). */
  failWith: Error | null;
}

/** Creates a fake source: `records[cpr]`, or `empty` for a citizen it does not know. */
export function fakeSource<T>(
  name: string,
  records: Readonly<Record<string, T>>,
  empty: T,
): FakeSource<T> {
  const source: FakeSource<T> = {
    name,
    batches: [],
    failWith: null,
    async fetchMany(cprs) {
      source.batches.push([...cprs]);
      if (source.failWith) throw source.failWith;
      return cprs.map((cpr) => records[cpr] ?? empty);
    },
  };
  return source;
}

/** The access context of one request, as the subgraph would verify it from its header. */
export function accessFor(
  principal: Principal | null,
  requestId = 'req-1',
  operationName: string | null = null,
): AccessContext {
  return { principal, requestId, operationName };
}

/** A caseworker with authority in `areas`. */
export const caseworker = (areas: readonly SectorArea[] = [], sub = 'cw-1'): Principal => ({
  sub,
  role: 'caseworker',
  areas,
});

/** A GraphQL error as a single result carries it. */
export interface ResultError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** The single result of an operation. */
export interface Result<TData> {
  readonly data?: TData | null;
  readonly errors?: readonly ResultError[];
}

/**
 * Runs one operation through the server, with the context `contextFor` builds for `access`
 * (exactly what the HTTP layer builds after verifying the access-context header).
 */
export async function execute<TData, TContext extends SubgraphContext>(
  server: SubgraphServer<TContext>,
  access: AccessContext,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Result<TData>> {
  const response = await server.apollo.executeOperation<TData>(
    { query, variables },
    { contextValue: server.contextFor(access) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result, got a stream');
  const { data, errors } = response.body.singleResult;
  return { data, errors };
}

/** The error codes of a result, in order. */
export const codesOf = (result: Result<unknown>): unknown[] =>
  (result.errors ?? []).map((e) => e.extensions?.code);

/** KLE numbers whose area (domain.md §7) is the given one. */
const KLE: Record<SectorArea, string> = {
  EMPLOYMENT: '32.24.04',
  SOCIAL_ADULT: '27.36.12',
  CHILDREN_FAMILY: '34.02.00',
  HEALTH: '29.09.00',
  EDUCATION: '17.24.00',
  ADDICTION: '27.51.00',
};

/** One case per sector area for the citizen numbered `n`. */
export const casesOf = (n: number): CaseRecord[] =>
  SECTOR_AREAS.map((area) => ({
    id: `case-${n}-${area}`,
    title: `Case ${n} in ${area}`,
    area,
    kle: KLE[area],
    status: 'Oplyst',
    openedAt: '2024-02-01',
    closedAt: area === 'HEALTH' ? '2024-09-30' : null,
    sourceSystem: 'SBSYS',
  }));

/** One benefit per sector area for the citizen numbered `n`; the HEALTH one is open-ended. */
export const benefitsOf = (n: number): BenefitRecord[] =>
  SECTOR_AREAS.map((area) => ({
    id: `benefit-${n}-${area}`,
    name: `Benefit ${n} in ${area}`,
    area,
    kle: KLE[area],
    status: 'Aktiv',
    start: '2024-03-01',
    end: area === 'HEALTH' ? null : '2025-02-28',
  }));

/** One intervention per sector area for the citizen numbered `n`; the HEALTH one is open-ended. */
export const interventionsOf = (n: number): InterventionRecord[] =>
  SECTOR_AREAS.map((area) => ({
    id: `intervention-${n}-${area}`,
    title: `Intervention ${n} in ${area}`,
    area,
    kle: KLE[area],
    legalBasis: area === 'EDUCATION' ? null : 'SEL § 85',
    status: 'IGANG',
    start: '2024-04-01',
    end: area === 'HEALTH' ? null : '2024-12-31',
  }));

/** The employment status of the citizen numbered `n`. */
export const employmentOf = (n: number): EmploymentRecord => ({
  contactGroup: `Kontanthjælpsmodtager ${n}`,
  visitation: 'AKTIVITETSPARAT',
  jobGoals: ['Lagerarbejder', 'Chauffør'],
  registeredSince: '2023-11-01',
});
