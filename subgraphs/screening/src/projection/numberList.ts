/**
 * A growable list of numbers in one Float64Array: a million entries cost 8 MB and no objects
 * (the projection's snapshot and the bulk read's key lists).
 */
export class NumberList {
  private items = new Float64Array(4096);
  private length = 0;

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  /** The values, ascending (a typed array sorts numerically), sorted in place: a view. */
  sorted(): Float64Array {
    return this.items.subarray(0, this.length).sort();
  }
}
