/**
 * Brings HOI decisions recorded by any instance into this instance's projection. Decisions
 * made here are applied at once; `sync()` before every screening page picks up those of
 * other instances (one indexed query for the decisions after the last one seen), so a
 * decision removes the citizen from the very next page on every instance.
 */
import type { ScreeningStore } from '../store/ScreeningStore.js';
import type { ScreeningProjection } from './ScreeningProjection.js';

/** Syncs decisions from the store into the projection. */
export interface DecisionSync {
  sync(): Promise<void>;
}

/** Creates the sync; the first `sync()` loads every decision. */
export function createDecisionSync(
  store: ScreeningStore,
  projection: ScreeningProjection,
): DecisionSync {
  let seen = 0;
  return {
    async sync() {
      const decisions = await store.decisionsAfter(seen);
      for (const d of decisions) {
        projection.exclude(d.cpr);
        seen = Math.max(seen, d.seq);
      }
    },
  };
}
