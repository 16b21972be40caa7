/**
 * A reporter that closes the run with each project's times: wall time from its first file's
 * start to its last file's end, and the files' summed durations (projects overlap in time).
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class ProjectTimesReporter implements Reporter {
  private readonly spans = new Map<
    string,
    { first: number; last: number; files: number; work: number }
  >();

  onTestModuleStart(module: TestModule): void {
    const name = module.project.name || 'default';
    const span = this.spans.get(name) ?? { first: Date.now(), last: Date.now(), files: 0, work: 0 };
    span.first = Math.min(span.first, Date.now());
    this.spans.set(name, span);
  }

  onTestModuleEnd(module: TestModule): void {
    const span = this.spans.get(module.project.name || 'default');
    if (!span) return;
    span.last = Math.max(span.last, Date.now());
    span.files += 1;
    span.work += module.diagnostic().duration;
  }

  onTestRunEnd(): void {
    const lines = [...this.spans].map(
      ([name, s]) =>
        `  ${name.padEnd(12)} ${String(s.files).padStart(3)} files   wall ${((s.last - s.first) / 1000).toFixed(1).padStart(6)} s   summed ${(s.work / 1000).toFixed(1).padStart(6)} s`,
    );
    process.stdout.write(`\nTime per project:\n${lines.join('\n')}\n`);
  }
}
