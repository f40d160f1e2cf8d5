/**
 * Read-only positional access to a column of values. The core reads Excel's ranges through
 * it in place, so a million-row argument is not copied into a second array first.
 */
export interface Column<T> {
  readonly length: number;
  get(index: number): T;
}

class ArrayColumn<T> implements Column<T> {
  constructor(private readonly values: ArrayLike<T>) {}

  get length(): number {
    return this.values.length;
  }

  get(index: number): T {
    return this.values[index];
  }
}

export function columnOf<T>(values: ArrayLike<T>): Column<T> {
  return new ArrayColumn(values);
}

/**
 * Memoises a classification of user-typed labels (stage names, outcomes, groups). A range
 * holds a handful of distinct spellings repeated a million times, so the last few are
 * checked by identity before falling back to a map; `classify` runs once per spelling.
 * A class rather than a closure, so that its call sites stay monomorphic across calls.
 */
export class LabelMemo<V> {
  private readonly recentLabels: string[] = [];
  private readonly recentValues: V[] = [];
  private readonly all = new Map<string, V>();

  constructor(private readonly classify: (label: string) => V) {}

  get(label: string): V {
    const labels = this.recentLabels;
    for (let i = 0; i < labels.length; i++) if (labels[i] === label) return this.recentValues[i];
    let value = this.all.get(label);
    if (value === undefined && !this.all.has(label)) {
      value = this.classify(label);
      this.all.set(label, value);
    }
    if (labels.length < 8) {
      labels.push(label);
      this.recentValues.push(value as V);
    }
    return value as V;
  }
}

/**
 * LabelMemo for classifications that are small integers (an outcome's kind, a stage's
 * position, a group's number), for the fast paths that read Excel's cells: its own class, so
 * its lookups stay monomorphic however the other memos are used, with the codes unboxed.
 */
export class LabelCodes {
  private readonly recentLabels: string[] = [];
  private readonly recentCodes = new Int32Array(8);
  private readonly all = new Map<string, number>();

  constructor(private readonly classify: (label: string) => number) {}

  get(label: string): number {
    const labels = this.recentLabels;
    for (let i = 0; i < labels.length; i++) if (labels[i] === label) return this.recentCodes[i];
    return this.miss(label);
  }

  private miss(label: string): number {
    let code = this.all.get(label);
    if (code === undefined) {
      code = this.classify(label);
      this.all.set(label, code);
    }
    const labels = this.recentLabels;
    if (labels.length < this.recentCodes.length) {
      this.recentCodes[labels.length] = code;
      labels.push(label);
    }
    return code;
  }
}
