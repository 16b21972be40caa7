/**
 * Group commit for durable appends (the audit log): items arriving while a write is in flight
 * are written together by the next one. Every caller still awaits the commit of its own item,
 * so nothing is acknowledged before it is durable; under load, one insert serves many
 * requests instead of each request paying its own round trip and fsync.
 */

/** Creates an appender; `write` gets at most `maxBatch` items at a time. */
export function createGroupCommit<T>(
  write: (items: readonly T[]) => Promise<void>,
  maxBatch = 500,
): (item: T) => Promise<void> {
  let queue: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let writing = false;
  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await write(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    writing = false;
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) {
        writing = true;
        // One turn of the event loop gathers the items of requests arriving together.
        setImmediate(() => void flush());
      }
    });
}
