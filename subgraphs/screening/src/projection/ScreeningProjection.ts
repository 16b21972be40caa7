/**
 * The screening projection: cpr-liste at municipality scale.
 *
 * The gateway cannot join three sources row by row over a whole municipality, so screening
 * reads them in bulk (projection/feed.ts) into a compact snapshot of the only citizens who
 * can be in a target group at all (an open employment case and the other non-age criteria of
 * either group, no open HOI case): one float per citizen, holding the CPR, the birth date (in
 * the sort key, oldest first) and a byte of facts (mandatory criteria met, optional criteria
 * met, areas with open cases). Ages change daily, so the per-group lists are derived from the
 * snapshot per evaluation day (a linear pass, milliseconds), and HOI decisions are removed
 * from them as they are made.
 *
 * Freshness: decisions apply to the very next page (this instance at once; other instances
 * sync from the store before every page), ages are as of the request's day, and source data
 * is as of the snapshot's `sourcesAsOf` (refreshed every SCREENING_REFRESH_MINUTES).
 */
import { SECTOR_AREAS, type SectorArea } from '@hoi/domain';
import {
  MANDATORY_MIN_AGE,
  meetsMandatoryFacts,
  meetsOptionalFacts,
  OPTIONAL_MIN_AGE,
  type HoiGroup,
  type ScreeningFacts,
} from '../eligibility.js';
import { NumberList } from './numberList.js';
import { ageOnYmd, birthYmdOfKey, cprOfKey, screeningKeyOf, ymdOf } from './screeningKey.js';

const MANDATORY_FACTS = 0x80;
const OPTIONAL_FACTS = 0x40;
const AREA_BITS = 0x3f;
/** Entries are `key · FLAG_SPACE + flags`. */
const FLAG_SPACE = 256;

/** One bulk read of the sources, reduced to the possible candidates. */
export interface Snapshot {
  /** When the bulk read started: source data is as of this instant. */
  readonly sourcesAsOf: Date;
  /** The day (ISO, Europe/Copenhagen) open/active was evaluated for. */
  readonly factsDate: string;
  /** Citizens read. */
  readonly citizens: number;
  /** Packed entries (`key · 256 + flags`), ascending by key, one per candidate. */
  readonly entries: Float64Array;
}

/** Collects the citizens of one bulk read into a snapshot. */
export class SnapshotBuilder {
  private readonly entries = new NumberList();
  private citizens = 0;

  constructor(
    private readonly sourcesAsOf: Date,
    private readonly factsDate: string,
  ) {}

  /** Adds one citizen's facts (as of `factsDate`); only possible candidates are kept. */
  add(cpr: string, facts: ScreeningFacts): void {
    this.citizens += 1;
    const flags = candidateFlags(facts);
    if (flags !== 0) this.entries.push(screeningKeyOf(cpr) * FLAG_SPACE + flags);
  }

  /** {@link add} for a citizen known by its screening key. */
  addKey(key: number, facts: ScreeningFacts): void {
    this.citizens += 1;
    const flags = candidateFlags(facts);
    if (flags !== 0) this.entries.push(key * FLAG_SPACE + flags);
  }

  /** Counts a citizen read who cannot be a candidate, whatever their other facts. */
  skip(): void {
    this.citizens += 1;
  }

  /** The snapshot: entries sorted by key (a citizen read twice is kept once). */
  finish(): Snapshot {
    // A copy: the snapshot's entries are compacted in place below.
    const sorted = this.entries.sorted().slice();
    let kept = 0;
    for (let i = 0; i < sorted.length; i++) {
      const entry = sorted[i] as number;
      if (kept > 0 && keyOf(sorted[kept - 1] as number) === keyOf(entry)) sorted[kept - 1] = entry;
      else sorted[kept++] = entry;
    }
    return {
      sourcesAsOf: this.sourcesAsOf,
      factsDate: this.factsDate,
      citizens: this.citizens,
      entries: sorted.slice(0, kept),
    };
  }
}

/** A possible candidate's flags (group facts and open-case areas), or 0 for anybody else. */
function candidateFlags(facts: ScreeningFacts): number {
  if (facts.hoiCase) return 0;
  const mandatory = meetsMandatoryFacts(facts);
  const optional = meetsOptionalFacts(facts);
  if (!mandatory && !optional) return 0;
  let flags = (mandatory ? MANDATORY_FACTS : 0) | (optional ? OPTIONAL_FACTS : 0);
  for (const area of facts.openCaseAreas) flags |= 1 << SECTOR_AREAS.indexOf(area);
  return flags;
}

function keyOf(entry: number): number {
  return Math.floor(entry / FLAG_SPACE);
}

/** A growable list of entry positions, ascending. */
class PositionList {
  items: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(Math.max(16, capacity));
  }

  push(position: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = position;
  }

  removeAt(index: number): void {
    this.items.copyWithin(index, index + 1, this.length);
    this.length -= 1;
  }
}

/** The per-group lists of one snapshot on one day. */
interface Classification {
  readonly snapshot: Snapshot;
  readonly date: string;
  readonly lists: Readonly<Record<HoiGroup, PositionList>>;
}

/** A citizen of a screening page. */
export interface ScreeningCandidateRecord {
  /** The sort key, which the cursor carries. */
  readonly key: number;
  readonly cpr: string;
  readonly age: number;
  readonly openCaseAreas: SectorArea[];
  readonly group: HoiGroup;
}

/** One page of a group's list. */
export interface ScreeningPageRecord {
  readonly totalCount: number;
  readonly items: ScreeningCandidateRecord[];
  readonly hasNextPage: boolean;
  readonly sourcesAsOf: Date;
}

/** The projection's state. */
export interface ProjectionInfo {
  readonly ready: boolean;
  readonly sourcesAsOf: Date | null;
  readonly citizens: number;
  readonly candidates: number;
  readonly decided: number;
}

/** The live projection: the current snapshot, the decided citizens, and the day's lists. */
export class ScreeningProjection {
  private snapshot: Snapshot | null = null;
  private classification: Classification | null = null;
  /** Keys of citizens with a recorded HOI case or decline; never listed again. */
  private readonly decided = new Set<number>();
  private readonly readyWaiters: (() => void)[] = [];

  /** True once the first snapshot is in. */
  get ready(): boolean {
    return this.snapshot !== null;
  }

  /** Resolves once the first snapshot is in; rejects after `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<void> {
    if (this.snapshot) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the screening projection is not built yet')),
        timeoutMs,
      );
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Swaps in a new snapshot (a finished bulk read); the day's lists are derived anew. */
  replace(snapshot: Snapshot): void {
    this.snapshot = snapshot;
    this.classification = null;
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  /** Removes a citizen from every list, now and after every later refresh. */
  exclude(cpr: string): void {
    const key = screeningKeyOf(cpr);
    if (this.decided.has(key)) return;
    this.decided.add(key);
    const c = this.classification;
    if (!c) return;
    for (const list of Object.values(c.lists)) {
      const at = lowerBound(c.snapshot.entries, list, key);
      if (at < list.length && keyOf(c.snapshot.entries[list.items[at] as number] as number) === key)
        list.removeAt(at);
    }
  }

  /** Up to `first` citizens of `group` on `date` (ISO), after the citizen with key `afterKey`. */
  page(group: HoiGroup, date: string, first: number, afterKey: number | null): ScreeningPageRecord {
    const c = this.classify(date);
    const { entries } = c.snapshot;
    const list = c.lists[group];
    const start = afterKey === null ? 0 : lowerBound(entries, list, afterKey + 1);
    const end = Math.min(list.length, start + first);
    const onYmd = ymdOf(date);
    const items: ScreeningCandidateRecord[] = [];
    for (let i = start; i < end; i++) {
      const entry = entries[list.items[i] as number] as number;
      const key = keyOf(entry);
      const flags = entry - key * FLAG_SPACE;
      items.push({
        key,
        cpr: cprOfKey(key),
        age: ageOnYmd(birthYmdOfKey(key), onYmd),
        openCaseAreas: SECTOR_AREAS.filter((_, bit) => (flags & AREA_BITS & (1 << bit)) !== 0),
        group,
      });
    }
    return {
      totalCount: list.length,
      items,
      hasNextPage: end < list.length,
      sourcesAsOf: c.snapshot.sourcesAsOf,
    };
  }

  /** Counts for logs and metrics. */
  info(): ProjectionInfo {
    return {
      ready: this.ready,
      sourcesAsOf: this.snapshot?.sourcesAsOf ?? null,
      citizens: this.snapshot?.citizens ?? 0,
      candidates: this.snapshot?.entries.length ?? 0,
      decided: this.decided.size,
    };
  }

  /** The lists of the current snapshot on `date`, derived on first use that day. */
  private classify(date: string): Classification {
    const snapshot = this.snapshot;
    if (!snapshot) throw new Error('the screening projection is not built yet');
    const current = this.classification;
    if (current && current.snapshot === snapshot && current.date === date) return current;
    const { entries } = snapshot;
    const onYmd = ymdOf(date);
    const mandatory = new PositionList(entries.length >> 1);
    const optional = new PositionList(entries.length >> 1);
    const skip = this.decided.size > 0 ? this.decided : null;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i] as number;
      const key = keyOf(entry);
      if (skip?.has(key)) continue;
      const flags = entry - key * FLAG_SPACE;
      const age = ageOnYmd(birthYmdOfKey(key), onYmd);
      // The same decision as eligibility.ts groupOf, on the stored facts.
      if ((flags & MANDATORY_FACTS) !== 0 && age >= MANDATORY_MIN_AGE) mandatory.push(i);
      else if ((flags & OPTIONAL_FACTS) !== 0 && age >= OPTIONAL_MIN_AGE) optional.push(i);
    }
    const classification: Classification = {
      snapshot,
      date,
      lists: { MANDATORY: mandatory, OPTIONAL: optional },
    };
    this.classification = classification;
    return classification;
  }
}

/** The first index of `list` whose entry's key is ≥ `key`. */
function lowerBound(entries: Float64Array, list: PositionList, key: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(entries[list.items[mid] as number] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
