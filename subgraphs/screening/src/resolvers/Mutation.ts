/** HOI decisions: an HOI case or a decline, both removing the citizen from screening at once. */
import { randomUUID } from 'node:crypto';
import { badUserInput, type Principal } from '@hoi/domain';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { audit, auditRecord, requireEmploymentCaseworker } from '../access.js';
import type { ScreeningContext } from '../context.js';
import { HoiCaseExistsError, type ScreeningAuditPurpose } from '../store/ScreeningStore.js';

/** Longest decline reason. */
export const MAX_REASON_LENGTH = 500;

const auditWrite = (
  ctx: ScreeningContext,
  principal: Principal,
  purpose: ScreeningAuditPurpose,
  cpr: string,
) =>
  audit(ctx, [
    auditRecord(ctx, principal, purpose, cpr, {
      areas: ['EMPLOYMENT'],
      bases: { EMPLOYMENT: 'OWN_AUTHORITY' },
    }),
  ]);

/** Resolvers of `Mutation`. */
export const Mutation: MutationResolvers = {
  registerHoiCase: async (_root, { cpr }, ctx) => {
    const principal = requireEmploymentCaseworker(ctx, 'registerHoiCase');
    await auditWrite(ctx, principal, 'REGISTER_HOI_CASE', cpr);
    const { record } = await ctx.deps.store.registerHoiCase({
      id: randomUUID(),
      cpr,
      decidedAt: ctx.now.toISOString(),
      decidedBy: principal.sub,
    });
    ctx.deps.projection.exclude(cpr);
    return record;
  },

  declineHoi: async (_root, { cpr, reason }, ctx) => {
    const principal = requireEmploymentCaseworker(ctx, 'declineHoi');
    const text = reason.trim();
    if (text.length === 0 || text.length > MAX_REASON_LENGTH) {
      throw badUserInput(`reason must be 1–${MAX_REASON_LENGTH} characters, got ${text.length}`, {
        argument: 'reason',
      });
    }
    await auditWrite(ctx, principal, 'DECLINE_HOI', cpr);
    try {
      const record = await ctx.deps.store.recordDecline({
        id: randomUUID(),
        cpr,
        reason: text,
        decidedAt: ctx.now.toISOString(),
        decidedBy: principal.sub,
      });
      ctx.deps.projection.exclude(cpr);
      return record;
    } catch (err) {
      if (err instanceof HoiCaseExistsError)
        throw badUserInput('The citizen has an HOI case; a decline cannot be recorded');
      throw err;
    }
  },
};
