/** cpr-liste: the screening lists, from the projection. */
import { badUserInput, copenhagenDate, forbidden, sourceUnavailable } from '@hoi/domain';
import type { QueryResolvers, ScreeningPage } from '../__generated__/resolvers-types.js';
import { audit, auditRecord, requirePrincipal, requireScreener } from '../access.js';
import type { ScreeningContext } from '../context.js';
import type { ScreeningPageRecord } from '../projection/ScreeningProjection.js';
import type { HoiGroup } from '../eligibility.js';

/** Largest `first`. */
export const MAX_SCREENING_PAGE = 500;
/** `first` when not given. */
const DEFAULT_SCREENING_PAGE = 50;

async function projectionReady(ctx: ScreeningContext): Promise<void> {
  try {
    await ctx.deps.projection.whenReady(ctx.deps.readyTimeoutMs ?? 10_000);
  } catch (err) {
    throw sourceUnavailable('screening-projection', err);
  }
}

function pageView(
  page: ScreeningPageRecord,
  group: HoiGroup,
  ctx: ScreeningContext,
): ScreeningPage {
  const edges = page.items.map((item) => ({
    cursor: ctx.deps.cursors.encode(group, item.key),
    node: { cpr: item.cpr, age: item.age, openCaseAreas: item.openCaseAreas, group: item.group },
  }));
  return {
    totalCount: page.totalCount,
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    evaluatedAt: ctx.now.toISOString(),
    sourcesAsOf: page.sourcesAsOf.toISOString(),
  };
}

/** Resolvers of `Query`. */
export const Query: QueryResolvers = {
  screening: async (_root, { group, first, after }, ctx) => {
    const principal = requireScreener(ctx, 'screening');
    const size = first ?? DEFAULT_SCREENING_PAGE;
    if (size < 0 || size > MAX_SCREENING_PAGE) {
      throw badUserInput(`first must be from 0 to ${MAX_SCREENING_PAGE}, got ${size}`, {
        argument: 'first',
      });
    }
    const afterKey =
      after === null || after === undefined ? null : ctx.deps.cursors.decode(after, group);
    await projectionReady(ctx);
    await ctx.deps.decisionSync.sync();
    const page = ctx.deps.projection.page(group, copenhagenDate(ctx.now), size, afterKey);
    // One record per listed citizen (so the log answers "who saw citizen X"), one for an
    // empty page; group-committed (one insert for the page, shared with concurrent requests)
    // and durable before the page leaves.
    const listed = page.items.map((item) =>
      auditRecord(ctx, principal, 'HOI_SCREENING', item.cpr, {
        areas: item.openCaseAreas,
        bases: Object.fromEntries(item.openCaseAreas.map((a) => [a, 'STATUTORY_SCREENING'])),
      }),
    );
    await audit(
      ctx,
      listed.length > 0
        ? listed
        : [auditRecord(ctx, principal, 'HOI_SCREENING', null, { areas: [], bases: {} })],
    );
    return pageView(page, group, ctx);
  },
  accessTrail: async (_root, { cpr, first, afterAt, afterSrc, afterId }, ctx) => {
    const principal = requirePrincipal(ctx);
    if (!(
      principal.role === 'auditor' ||
      (principal.role === 'citizen' && principal.sub === cpr)
    )) {
      throw forbidden('The access log is for the citizen themself and the auditor role');
    }
    if (first < 1 || first > 201) throw badUserInput('first must be from 1 to 201');
    const src: 'c' | 's' | null = afterSrc === 'c' || afterSrc === 's' ? afterSrc : null;
    const after =
      afterAt && src && /^\d{1,19}$/.test(afterId ?? '')
        ? { at: afterAt, src, id: afterId as string }
        : null;
    if (afterAt && !after) throw badUserInput('afterSrc and afterId must name a log position');
    const trail = await ctx.deps.store.accessTrail(ctx.deps.pseudonymize(cpr), after, first);
    return {
      totalCount: trail.totalCount,
      entries: trail.entries.map((e) => ({
        id: e.id,
        at: e.at,
        role: e.role,
        unit: e.unit,
        // Decided from what was done: an HOI decision is a write, the rest evaluations.
        kind:
          e.purpose === 'REGISTER_HOI_CASE' || e.purpose === 'DECLINE_HOI' ? 'WRITE' : 'SCREENING',
        purpose: e.purpose,
        areas: [...e.areas],
        basis: e.areas.map((a) => e.bases[a] ?? 'NONE'),
      })),
    };
  },
};
