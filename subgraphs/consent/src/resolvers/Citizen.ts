/** Citizen fields of the consent subgraph: consent, access, and the grant for the others. */
import { recordPartialError, resolveCitizenRef } from '@hoi/subgraph-kit';
import { mostRecentConsent } from '@hoi/domain';
import type { CitizenResolvers } from '../__generated__/resolvers-types.js';
import { forbidScreener, openCitizen, requirePrincipal } from '../citizenAccess.js';
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
  access: (citizen, _args, ctx, info) => {
    // Decided without the consent register: areas it might have opened read as not visible.
    if (citizen.consentUnavailable && citizen.access.some((a) => !a.visible)) {
      recordPartialError(ctx, info, citizen.consentUnavailable);
    }
    return citizen.access;
  },
  accessGrant: (citizen, _args, ctx) =>
    ctx.deps.grants.sign(
      citizen.cpr,
      citizen.access.filter((a) => a.visible).map((a) => a.area),
    ),
};
