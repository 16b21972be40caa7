/** Consent writes: caseworkers record what a citizen agreed to; citizens act for themselves. */
import { badUserInput, consentedAreas } from '@hoi/domain';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { forbidScreener, openCitizen, requirePrincipal, writeOpening } from '../citizenAccess.js';
import { consentView } from '../consentView.js';
import { giveConsent, withdrawConsent } from '../consentWrites.js';

/** Resolvers of `Mutation`. */
export const Mutation: MutationResolvers = {
  giveConsent: async (_root, { cpr, areas, validUntil }, ctx) => {
    forbidScreener(requirePrincipal(ctx), 'giveConsent');
    await openCitizen(cpr, ctx, writeOpening('GIVE_CONSENT')); // authorizes and audits
    return consentView(await giveConsent(ctx, { cpr, areas, validUntil }), ctx.now);
  },
  withdrawConsent: async (_root, { cpr }, ctx) => {
    forbidScreener(requirePrincipal(ctx), 'withdrawConsent');
    await openCitizen(cpr, ctx, writeOpening('WITHDRAW_CONSENT'));
    return consentView(await withdrawConsent(ctx, cpr), ctx.now);
  },
  openCitizenForWrite: async (_root, { cpr, purpose }, ctx) => {
    forbidScreener(requirePrincipal(ctx), 'writes about a citizen');
    if (!/^[A-Z][A-Z_]{0,63}$/.test(purpose)) {
      throw badUserInput('purpose must be an upper-case name such as PLAN_ADD_SUB_GOAL');
    }
    const view = await openCitizen(cpr, ctx, writeOpening(purpose)); // authorizes and audits
    // The history is the one openCitizen just decided on (same request, same loader).
    const activeConsent = view.consentUnavailable
      ? null
      : consentedAreas(await ctx.consentHistoryByCitizen.load(cpr), ctx.now).size > 0;
    return { access: view.access, activeConsent };
  },
};
