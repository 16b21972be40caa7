/**
 * An index subgraph (cases, benefits, interventions, employment): one source of per-citizen
 * records, read through the grant the consent subgraph decided. All four are the same
 * machine with another schema, source and resolvers, so the machine lives here once and
 * each subgraph folder holds only what differs: its schema.graphql, its resolvers and this
 * definition.
 */
import type DataLoader from 'dataloader';
import {
  createAccessContextVerifier,
  createAccessGrants,
  READ_AHEAD_PATH,
  type AccessContext,
  type AccessGrants,
} from '@hoi/access';
import type { Logger, Metrics, SubgraphName } from '@hoi/platform';
import {
  prefetchingSource,
  type CitizenSource,
  type PrefetchingSource,
  type SourceDefinition,
} from '@hoi/sources';
import type { SectorArea } from '@hoi/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { createCitizenLoader } from './citizenLoader.js';
import { loadVisible, type CitizenRef } from './citizenRef.js';
import {
  configuredSource,
  serviceBasics,
  type ServiceOverrides,
  type SubgraphService,
} from './composition.js';
import { orEmptyOnSourceFailure } from './partialResults.js';
import { readAheadRoute } from './readAheadRoute.js';
import { loadSchemaFile } from './schemaFile.js';
import type { SubgraphConfig } from './subgraphConfig.js';
import {
  createSubgraphServer,
  type SubgraphContext,
  type SubgraphResolverMap,
  type SubgraphServer,
} from './subgraphServer.js';

/** What an index subgraph's resolvers get. */
export interface IndexContext<T> extends SubgraphContext {
  readonly grants: AccessGrants;
  /** The citizen's records from the source: one source call per request tick. */
  readonly records: DataLoader<string, T>;
}

/** What makes one index subgraph. */
export interface IndexSubgraphDefinition<T> {
  readonly name: SubgraphName;
  /** Its schema.graphql, the source of truth. */
  readonly schema: URL;
  /** The source system it reads. */
  readonly source: SourceDefinition<T>;
  readonly resolvers: SubgraphResolverMap;
}

/** What an index subgraph's server is built from. */
export interface IndexSubgraphDeps<T> {
  /** The source with its layers (metrics, cache): see {@link IndexSubgraph.compose}. */
  readonly source: CitizenSource<T>;
  readonly accessContextSecret: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** An index subgraph: its definition, its server factory and its composition root. */
export interface IndexSubgraph<T> extends IndexSubgraphDefinition<T> {
  /** Builds the server from its dependencies (no listen). */
  createServer(deps: IndexSubgraphDeps<T>): Promise<SubgraphServer<IndexContext<T>>>;
  /**
   * The composition root, used by the entry, the tests and the bench alike: the source
   * SOURCE_MODE asks for (or `overrides.source`), wrapped in metrics and the cache.
   */
  compose(
    config: SubgraphConfig,
    overrides?: ServiceOverrides & { readonly source?: CitizenSource<T> },
  ): Promise<SubgraphService<IndexContext<T>>>;
}

/** Defines an index subgraph. */
export function defineIndexSubgraph<T>(definition: IndexSubgraphDefinition<T>): IndexSubgraph<T> {
  const createServer = (deps: IndexSubgraphDeps<T>) => {
    const grants = createAccessGrants(deps.accessContextSecret);
    const verifyAccessContext = createAccessContextVerifier(deps.accessContextSecret);
    const readsAhead = 'prefetch' in deps.source;
    return createSubgraphServer<IndexContext<T>>({
      name: definition.name,
      typeDefs: loadSchemaFile(definition.schema),
      resolvers: definition.resolvers,
      logger: deps.logger,
      metrics: deps.metrics,
      verifyAccessContext,
      ...(readsAhead
        ? {
            postRoutes: {
              [READ_AHEAD_PATH]: readAheadRoute(
                verifyAccessContext,
                deps.source as PrefetchingSource<T>,
                deps.logger,
              ),
            },
          }
        : {}),
      createContext: (access: AccessContext) => ({
        access,
        now: new Date(),
        grants,
        records: createCitizenLoader(deps.source),
      }),
      sources: [deps.source],
    });
  };
  return {
    ...definition,
    createServer,
    async compose(config, overrides = {}) {
      const basics = serviceBasics(config, overrides);
      const { logger, metrics } = basics;
      const configured = configuredSource(definition.source, config, basics, overrides);
      // A remote source reads ahead on the gateway's word (readAheadRoute), the cache and
      // metrics beneath; an in-process one answers at once, so the word would only cost.
      const source = config.source.mode === 'http' ? prefetchingSource(configured) : configured;
      const server = await createServer({
        source,
        accessContextSecret: config.accessContextSecret,
        logger,
        metrics,
      });
      return {
        ...server,
        name: definition.name,
        logger,
        async close() {
          await server.apollo.stop();
          await source.close?.();
          await basics.closeCache();
        },
      };
    },
  };
}

/**
 * The resolver of an index subgraph's list field (`Citizen.cases`, `benefits`,
 * `interventions`): the citizen's records of the areas the grant makes visible. A failing
 * source answers [] plus a SOURCE_UNAVAILABLE error, so the rest of the overview stays.
 */
export function visibleRecordsOf<T extends { readonly area: SectorArea }>(
  citizen: CitizenRef,
  _args: unknown,
  ctx: IndexContext<readonly T[]>,
  info: GraphQLResolveInfo,
): Promise<T[]> {
  return visibleRecordsFrom(ctx.records, ctx.grants, citizen, ctx, info);
}

/**
 * A source's records of the areas the citizen's grant makes visible, for the field being
 * resolved; a failing source answers [] plus a SOURCE_UNAVAILABLE error at the field's path.
 * The lists' resolver, and any other field made of them (the plan's timeline).
 */
export function visibleRecordsFrom<T extends { readonly area: SectorArea }>(
  loader: { load(cpr: string): Promise<readonly T[]> },
  grants: AccessGrants,
  citizen: CitizenRef,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
): Promise<T[]> {
  return orEmptyOnSourceFailure(ctx, info, [], () =>
    loadVisible(grants, citizen, ctx.access, loader),
  );
}

/** `period` of a record that keeps its ends flat (benefits, interventions). */
export function periodOf(record: { readonly start: string | null; readonly end: string | null }) {
  return { start: record.start, end: record.end };
}
