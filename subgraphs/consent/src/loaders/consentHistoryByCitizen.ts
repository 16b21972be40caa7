/**
 * Consent history by citizen: the stored history where a citizen has been written to, else
 * the seeded one. One store query and one source call per request tick.
 */
import DataLoader from 'dataloader';
import type { ConsentRecord } from '@hoi/domain';
import type { ConsentSource } from '@hoi/sources';
import type { ConsentState } from '../consentState.js';

/** Creates the per-request loader. */
export function createConsentHistoryByCitizenLoader(source: ConsentSource, state: ConsentState) {
  return new DataLoader<string, readonly ConsentRecord[]>(async (cprs) => {
    // A failing consent register fails only the citizens the store has no history of (for
    // the others the store alone is the truth): one Error per such key.
    const [stored, seeded] = await Promise.all([
      state.historyMany(cprs),
      source.fetchMany(cprs).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
    ]);
    return cprs.map(
      (cpr, i) => stored.get(cpr) ?? (seeded instanceof Error ? seeded : (seeded[i] ?? [])),
    );
  });
}
