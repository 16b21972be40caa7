/**
 * Giving and withdrawing consent (DESIGN §3): at most one ACTIVE consent per citizen; a new
 * one replaces it; withdrawal keeps the record. Each write is one atomic store update.
 */
import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  type ConsentRecord,
  consentStatusAt,
  copenhagenDate,
  mostRecentConsent,
  notFound,
  parseIsoDate,
  type SectorArea,
} from '@hoi/domain';
import type { ConsentContext } from './context.js';

async function seedOf(cpr: string, ctx: ConsentContext): Promise<readonly ConsentRecord[]> {
  const [seed] = await ctx.deps.source.fetchMany([cpr]);
  return seed ?? [];
}

/** Records a new ACTIVE consent, withdrawing any ACTIVE one at the same instant. */
export async function giveConsent(
  ctx: ConsentContext,
  input: { cpr: string; areas: readonly SectorArea[]; validUntil: string },
): Promise<ConsentRecord> {
  const areas = [...new Set(input.areas)];
  if (areas.length === 0) throw badUserInput('areas must name at least one sector area, got none');
  const validUntil = parseIsoDate(input.validUntil);
  const today = copenhagenDate(ctx.now);
  if (validUntil < today) {
    throw badUserInput(`validUntil must be today (${today}) or later, got ${validUntil}`);
  }
  const at = ctx.now.toISOString();
  const given = await ctx.deps.store.update(input.cpr, await seedOf(input.cpr, ctx), (history) => {
    const replaced = history
      .filter((c) => consentStatusAt(c, ctx.now) === 'ACTIVE')
      .map((c): ConsentRecord => ({ ...c, status: 'WITHDRAWN', withdrawnAt: at }));
    const given: ConsentRecord = {
      id: randomUUID(),
      cpr: input.cpr,
      status: 'ACTIVE',
      areas,
      givenAt: at,
      validUntil,
      withdrawnAt: null,
    };
    return { upserts: [...replaced, given], result: given };
  });
  await ctx.deps.state.invalidate(input.cpr);
  return given;
}

/** Ends the ACTIVE consent; with none ACTIVE returns the most recent one unchanged. */
export async function withdrawConsent(ctx: ConsentContext, cpr: string): Promise<ConsentRecord> {
  const at = ctx.now.toISOString();
  const result = await ctx.deps.store.update(cpr, await seedOf(cpr, ctx), (history) => {
    const active = history.filter((c) => consentStatusAt(c, ctx.now) === 'ACTIVE');
    if (active.length === 0) {
      const latest = mostRecentConsent(history);
      if (!latest) throw notFound('The citizen has never given consent');
      return { upserts: [], result: latest };
    }
    const withdrawn = active.map((c): ConsentRecord => ({
      ...c,
      status: 'WITHDRAWN',
      withdrawnAt: at,
    }));
    return { upserts: withdrawn, result: mostRecentConsent(withdrawn) as ConsentRecord };
  });
  // Before returning: no later request, on any instance, may read the old state.
  await ctx.deps.state.invalidate(cpr);
  return result;
}
