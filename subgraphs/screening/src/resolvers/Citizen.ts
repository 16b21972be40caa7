/** cpr-knap: one citizen's HOI eligibility, from their current records; and their HOI case. */
import { resolveCitizenRef, visibleAreas } from '@hoi/subgraph-kit';
import { copenhagenDate, forbidden } from '@hoi/domain';
import type { CitizenResolvers } from '../__generated__/resolvers-types.js';
import { audit, auditRecord, evaluationScope, requirePrincipal } from '../access.js';
import { evaluateEligibility, reasonsOf } from '../eligibility.js';
import type { HoiDecisionRecord } from '../store/ScreeningStore.js';

const hoiCaseIn = (decisions: readonly HoiDecisionRecord[]) =>
  decisions.find((d) => d.kind === 'HOI_CASE') ?? null;

/** Resolvers of `Citizen`. */
export const Citizen: CitizenResolvers = {
  __resolveReference: (ref) => resolveCitizenRef(ref),

  hoiEligibility: async (citizen, _args, ctx) => {
    const principal = requirePrincipal(ctx);
    // The grant proves the consent subgraph opened (and audited) this citizen for this request.
    const scope = evaluationScope(principal, visibleAreas(ctx.deps.grants, citizen, ctx.access));
    // The record does not depend on the outcome: write it while the reads run. Nothing is
    // returned before it is committed.
    const [records, decisions] = await Promise.all([
      ctx.recordsByCitizen.load(citizen.cpr),
      ctx.decisionsByCitizen.load(citizen.cpr),
      audit(ctx, [auditRecord(ctx, principal, 'HOI_ELIGIBILITY', citizen.cpr, scope)]),
    ]);
    const eligibility = evaluateEligibility({
      cpr: citizen.cpr,
      records,
      decisions: {
        hoiCase: hoiCaseIn(decisions) !== null,
        declined: decisions.some((d) => d.kind === 'DECLINED'),
      },
      onDate: copenhagenDate(ctx.now),
      visible: scope.areas,
    });
    return {
      mandatory: eligibility.mandatory,
      optional: eligibility.optional,
      toBeOffered: eligibility.toBeOffered,
      reasons: reasonsOf(eligibility),
      evaluatedAt: ctx.now.toISOString(),
    };
  },

  hoiCase: async (citizen, _args, ctx) => {
    const principal = requirePrincipal(ctx);
    if (principal.role === 'screener') throw forbidden('The screener role may not read hoiCase');
    if (!visibleAreas(ctx.deps.grants, citizen, ctx.access).has('EMPLOYMENT')) return null;
    return hoiCaseIn(await ctx.decisionsByCitizen.load(citizen.cpr));
  },
};
