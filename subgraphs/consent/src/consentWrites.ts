/**
 * Giving and withdrawing consent (DESIGN §3): at most one ACTIVE consent per citizen; a new
 * one replaces it; withdrawal keeps the record. Each write is one atomic store update, and
 * appends its consent events (GIVEN, WITHDRAWN) to the outbox in the same transaction: a
 * caseworker's recording notifies like the citizen's own, so the citizen's channel hears of it.
 */
import { randomUUID } from 'node:crypto';
import {
  actorOf,
  badUserInput,
  type ConsentRecord,
  consentStatusAt,
  latestConsentInstant,
  copenhagenDate,
  mostRecentConsent,
  notFound,
  parseIsoDate,
  type SectorArea,
} from '@hoi/domain';
import { requirePrincipal } from './citizenAccess.js';
import type { ConsentContext } from './context.js';
import type { ConsentEventDraft } from './notifications/consentEvents.js';

async function seedOf(cpr: string, ctx: ConsentContext): Promise<readonly ConsentRecord[]> {
  const [seed] = await ctx.deps.source.fetchMany([cpr]);
  return seed ?? [];
}

/**
 * The instant of a write, decided inside it (after the citizen's row lock): the request's
 * clock, but always after everything already in the history, so that timestamps are
 * monotonic per citizen however concurrent writes interleave (a replaced consent is never
 * withdrawn before it was given).
 */
function writeInstant(history: readonly ConsentRecord[], now: Date): string {
  return new Date(Math.max(now.getTime(), latestConsentInstant(history) + 1)).toISOString();
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
  const principal = requirePrincipal(ctx);
  const by = actorOf(principal);
  const given = await ctx.deps.store.update(input.cpr, await seedOf(input.cpr, ctx), (history) => {
    const at = writeInstant(history, ctx.now);
    const replaced = history
      .filter((c) => consentStatusAt(c, ctx.now) === 'ACTIVE')
      .map((c): ConsentRecord => ({ ...c, status: 'WITHDRAWN', withdrawnAt: at, withdrawnBy: by }));
    const given: ConsentRecord = {
      id: randomUUID(),
      cpr: input.cpr,
      status: 'ACTIVE',
      areas,
      givenAt: at,
      validUntil,
      withdrawnAt: null,
      channel: principal.role === 'citizen' ? 'SELF_SERVICE' : 'RECORDED_BY_CASEWORKER',
      givenBy: by,
      withdrawnBy: null,
    };
    // The replaced consent's withdrawal happened first, at the same instant.
    const events: ConsentEventDraft[] = [
      ...replaced.map((c) => ({ type: 'WITHDRAWN' as const, consent: c, occurredAt: at })),
      { type: 'GIVEN', consent: given, occurredAt: at },
    ];
    return { upserts: [...replaced, given], result: given, events };
  });
  await ctx.deps.state.invalidate(input.cpr);
  return given;
}

/** Ends the ACTIVE consent; with none ACTIVE returns the most recent one unchanged. */
export async function withdrawConsent(ctx: ConsentContext, cpr: string): Promise<ConsentRecord> {
  const by = actorOf(requirePrincipal(ctx));
  const result = await ctx.deps.store.update(cpr, await seedOf(cpr, ctx), (history) => {
    const active = history.filter((c) => consentStatusAt(c, ctx.now) === 'ACTIVE');
    if (active.length === 0) {
      const latest = mostRecentConsent(history);
      if (!latest) throw notFound('The citizen has never given consent');
      return { upserts: [], result: latest };
    }
    const at = writeInstant(history, ctx.now);
    const withdrawn = active.map((c): ConsentRecord => ({
      ...c,
      status: 'WITHDRAWN',
      withdrawnAt: at,
      withdrawnBy: by,
    }));
    return {
      upserts: withdrawn,
      result: mostRecentConsent(withdrawn) as ConsentRecord,
      events: withdrawn.map((c) => ({ type: 'WITHDRAWN' as const, consent: c, occurredAt: at })),
    };
  });
  // Before returning: no later request, on any instance, may read the old state.
  await ctx.deps.state.invalidate(cpr);
  return result;
}
