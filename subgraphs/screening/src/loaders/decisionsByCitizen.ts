/** A citizen's recorded HOI decisions: one store query per request tick. */
import DataLoader from 'dataloader';
import type { HoiDecisionRecord, ScreeningStore } from '../store/ScreeningStore.js';

/** Creates the per-request loader (decisions oldest first; none → empty). */
export function createDecisionsByCitizenLoader(store: ScreeningStore) {
  return new DataLoader<string, readonly HoiDecisionRecord[]>(async (cprs) => {
    const byCitizen = await store.decisionsOf(cprs);
    return cprs.map((cpr) => byCitizen.get(cpr) ?? []);
  });
}
