/**
 * The hottest frames of a V8 CPU profile (`--cpu-prof`, as `BENCH_CPU_PROF_DIR` makes every
 * bench process write): self time per function, grouped by function and package, the top N,
 * as shares of the busy time (idle left out).
 *
 * Run: `npm run tool -- bench/profileSummary.ts <file.cpuprofile> [N]`
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: bench/profileSummary.ts <file.cpuprofile> [N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<string, number>();
let totalUs = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const us = profile.timeDeltas[i] ?? 0;
  totalUs += us;
  if (!node) return;
  const { functionName, url } = node.callFrame;
  // The package (or our workspace folder) the function lives in, not the whole path.
  const where =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    /\/work\/[^/]+\/([^/]+\/[^/]+)/.exec(url)?.[1] ??
    (url.startsWith('node:') ? url : url ? 'other' : '(native)');
  const key = `${functionName || '(anonymous)'} · ${where}`;
  // Idle time is waiting, not work: shares are of the busy time.
  if (functionName === '(idle)') {
    totalUs -= us;
    return;
  }
  selfUs.set(key, (selfUs.get(key) ?? 0) + us);
});
const top = [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 15));
console.log(`| frame · where | self ms | share |\n| --- | --- | --- |`);
for (const [key, us] of top)
  console.log(`| ${key} | ${(us / 1000).toFixed(0)} | ${((100 * us) / totalUs).toFixed(1)} % |`);
console.log(`\nbusy (sampled, idle left out): ${(totalUs / 1000).toFixed(0)} ms`);
