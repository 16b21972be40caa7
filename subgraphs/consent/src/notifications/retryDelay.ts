/** Retry delays: exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"). */

/**
 * The wait before the next try after `failures` failed attempts (1 after the first): a
 * uniform draw from [0, min(maxMs, baseMs · 2^(failures−1))]. Full jitter spreads the
 * retries of many deliveries that failed together (a receiver restart) instead of sending
 * them back in waves.
 */
export function retryDelay(
  failures: number,
  options: { readonly baseMs: number; readonly maxMs: number; readonly random?: () => number },
): number {
  // 2^30 already exceeds any sensible maximum; the cap keeps the power finite.
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(30, failures - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}
