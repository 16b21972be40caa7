/**
 * A background loop that sleeps while there is nothing to do: one step at a time, never two
 * at once, woken early by `kick` (new work in this process) and stopped without waiting out
 * its sleep. Idle, it costs one timer per interval: no busy polling.
 */

/** What a step found. */
export interface StepResult {
  /** More work is waiting: run again at once. */
  readonly more: boolean;
  /** Run again after this many ms at most (e.g. the next retry), if sooner than the interval. */
  readonly wakeInMs?: number;
}

/** A running loop. */
export interface WorkLoop {
  /** Runs the next step as soon as the current one ends (or now, when sleeping). */
  kick(): void;
  /** Ends the loop: resolves once the step in progress has finished. */
  stop(): Promise<void>;
}

/** Starts running `step` now, then every `intervalMs` (or sooner, as it asks). */
export function startWorkLoop(
  step: () => Promise<StepResult>,
  intervalMs: number,
  onError: (error: unknown) => void,
): WorkLoop {
  let stopped = false;
  let kicked = false;
  let wake: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      // The HTTP server keeps a service alive; a forgotten loop alone must not.
      timer.unref();
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const run = async () => {
    while (!stopped) {
      kicked = false;
      let delay = intervalMs;
      try {
        const result = await step();
        if (result.more) delay = 0;
        else if (result.wakeInMs !== undefined)
          delay = Math.max(0, Math.min(delay, result.wakeInMs));
      } catch (error) {
        onError(error);
      }
      if (stopped) break;
      if (kicked || delay === 0) {
        // Let I/O and timers run between steps even when work never runs out.
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else {
        await sleep(delay);
      }
    }
  };
  const running = run();

  return {
    kick() {
      kicked = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
