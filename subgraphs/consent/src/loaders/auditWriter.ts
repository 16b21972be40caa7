/**
 * Collects the audit records of one request tick and appends them in one durable write.
 * A caller awaits its record: no data leaves before its audit record is committed.
 */
import DataLoader from 'dataloader';
import type { AuditRecord, ConsentStore } from '../store/ConsentStore.js';

/** Creates the per-request audit writer. */
export function createAuditWriter(store: ConsentStore) {
  return new DataLoader<AuditRecord, void>(
    async (records) => {
      await store.appendAudit(records);
      return records.map(() => undefined);
    },
    { cache: false },
  );
}
