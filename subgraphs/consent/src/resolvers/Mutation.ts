/** Consent writes: caseworkers record what a citizen agreed to; citizens act for themselves. */
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { forbidScreener, openCitizen, requirePrincipal } from '../citizenAccess.js';
import { consentView } from '../consentView.js';
import { giveConsent, withdrawConsent } from '../consentWrites.js';

/** Resolvers of `Mutation`. */
export const Mutation: MutationResolvers = {
  giveConsent: async (_root, { cpr, areas, validUntil }, ctx) => {
    forbidScreener(requirePrincipal(ctx), 'giveConsent');
    await openCitizen(cpr, ctx); // authorizes and audits
    return consentView(await giveConsent(ctx, { cpr, areas, validUntil }), ctx.now);
  },
  withdrawConsent: async (_root, { cpr }, ctx) => {
    forbidScreener(requirePrincipal(ctx), 'withdrawConsent');
    await openCitizen(cpr, ctx);
    return consentView(await withdrawConsent(ctx, cpr), ctx.now);
  },
};
