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

/** Slots per table of LabelCodes: a power of two, far more than the spellings a range holds. */
const LABEL_SLOTS = 64;
const SLOT_MASK = LABEL_SLOTS - 1;

/**
 * LabelMemo for classifications that are small integers (an outcome's kind, a stage's
 * position, a group's number), for the fast paths that read Excel's cells: its own class, so
 * its lookups stay monomorphic however the other memos are used, with the codes unboxed.
 *
 * A label is looked up in one slot chosen by its length and first character, then checked by
 * identity: one comparison whatever the order of the rows (scanning the recent spellings costs
 * a mispredicted branch per row when they come in random order, about doubling the time of
 * reading the range). Two spellings that share a slot are told apart by a second table keyed
 * by the last character, and then by a map; each answers as the first would.
 */
export class LabelCodes {
  private readonly firstLabels = new Array<string | null>(LABEL_SLOTS).fill(null);
  private readonly firstCodes = new Int32Array(LABEL_SLOTS);
  private readonly lastLabels = new Array<string | null>(LABEL_SLOTS).fill(null);
  private readonly lastCodes = new Int32Array(LABEL_SLOTS);
  private readonly all = new Map<string, number>();

  constructor(private readonly classify: (label: string) => number) {}

  get(label: string): number {
    const length = label.length;
    const slot = length === 0 ? 0 : (length * 5 + label.charCodeAt(0)) & SLOT_MASK;
    if (this.firstLabels[slot] === label) return this.firstCodes[slot];
    return this.miss(label, slot);
  }

  private miss(label: string, first: number): number {
    const length = label.length;
    const last = length === 0 ? 0 : (length * 5 + label.charCodeAt(length - 1)) & SLOT_MASK;
    if (this.lastLabels[last] === label) return this.lastCodes[last];
    let code = this.all.get(label);
    if (code === undefined) {
      code = this.classify(label);
      this.all.set(label, code);
    }
    if (this.firstLabels[first] === null) {
      this.firstLabels[first] = label;
      this.firstCodes[first] = code;
    } else if (this.lastLabels[last] === null) {
      this.lastLabels[last] = label;
      this.lastCodes[last] = code;
    }
    return code;
  }
}
