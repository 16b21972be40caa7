/** Citizen fields of the consent subgraph: consent, access, and the grant for the others. */
import { isSourceError, recordPartialError, resolveCitizenRef } from '@hoi/subgraph-kit';
import { mostRecentConsent } from '@hoi/domain';
import type { CitizenResolvers } from '../__generated__/resolvers-types.js';
import { forbidScreener, openCitizen, requirePrincipal } from '../citizenAccess.js';
import { accessLogPage, requireLogReader, type LogPartReader } from '../accessLog.js';
import { consentView } from '../consentView.js';

/** Resolvers of `Citizen`. */
export const Citizen: CitizenResolvers = {
  // An entity fetch is a read like any other: decided and audited the same way.
  __resolveReference: (ref, ctx) => openCitizen(resolveCitizenRef(ref).cpr, ctx),
  consent: async (citizen, _args, ctx) => {
    forbidScreener(requirePrincipal(ctx), 'Citizen.consent');
    const latest = mostRecentConsent(await ctx.consentHistoryByCitizen.load(citizen.cpr));
    return latest ? consentView(latest, ctx.now) : null;
  },
  consentHistory: async (citizen, _args, ctx) => {
    forbidScreener(requirePrincipal(ctx), 'Citizen.consentHistory');
    const history = await ctx.consentHistoryByCitizen.load(citizen.cpr);
    return [...history]
      .sort((a, b) =>
        a.givenAt < b.givenAt ? 1 : a.givenAt > b.givenAt ? -1 : a.id < b.id ? 1 : -1,
      )
      .map((c) => consentView(c, ctx.now));
  },
  accessLog: async (citizen, { first, after }, ctx, info) => {
    const principal = requirePrincipal(ctx);
    requireLogReader(principal, citizen.cpr);
    const position = after ? ctx.deps.logCursors.decode(after) : null;
    // The log shows this very look at it: its record is committed first, also when held.
    await ctx.heldAudits();
    const ref = ctx.deps.pseudonymize(citizen.cpr);
    const parts: LogPartReader[] = [
      (_cpr, from, limit) => ctx.deps.store.accessLog(ref, from, limit),
      // A screening subgraph that does not answer leaves its entries out, and says so.
      (cpr, from, limit) =>
        ctx.deps.screeningTrail(ctx.access, cpr, from, limit).catch((err: unknown) => {
          if (!isSourceError(err)) throw err;
          recordPartialError(ctx, info, err);
          return { entries: [], totalCount: 0 };
        }),
    ];
    const page = await accessLogPage(parts, citizen.cpr, first ?? 50, position);
    const edges = page.entries.map((e) => ({
      cursor: ctx.deps.logCursors.encode(e.position),
      node: {
        at: e.position.at,
        actor: { role: e.role, unit: e.unit },
        kind: e.kind,
        areas: [...e.areas],
        basis: [...e.basis],
        purpose: e.purpose,
      },
    }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  },
  access: (citizen, _args, ctx, info) => {
    // Decided without the consent register: areas it might have opened read as not visible.
    if (citizen.consentUnavailable && citizen.access.some((a) => !a.visible)) {
      recordPartialError(ctx, info, citizen.consentUnavailable);
    }
    return citizen.access;
  },
  // Decided for this principal on this consent state, valid for a short window of real
  // time (the subgraphs check it on their own clocks, not on the decision's clock).
  accessGrant: (citizen, _args, ctx) =>
    ctx.deps.grants.sign(
      citizen.cpr,
      citizen.access.filter((a) => a.visible).map((a) => a.area),
      { sub: requirePrincipal(ctx).sub, version: citizen.consentVersion },
    ),
};
