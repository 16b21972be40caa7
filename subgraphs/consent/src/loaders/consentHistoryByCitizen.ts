/**
 * Consent history by citizen: the stored history where a citizen has been written to, else
 * the seeded one. One store query and one source call per request tick.
 */
import DataLoader from 'dataloader';
import type { ConsentRecord } from '../../../../dataset/src/records.js';
import type { ConsentSource } from '../sources/ConsentSource.js';
import type { ConsentStore } from '../store/ConsentStore.js';

/** Creates the per-request loader. */
export function createConsentHistoryByCitizenLoader(source: ConsentSource, store: ConsentStore) {
  return new DataLoader<string, readonly ConsentRecord[]>(async (cprs) => {
    const [stored, seeded] = await Promise.all([store.historyMany(cprs), source.fetchMany(cprs)]);
    return cprs.map((cpr, i) => stored.get(cpr) ?? seeded[i] ?? []);
  });
}
