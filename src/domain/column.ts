/**
 * Read-only positional access to a column of values. The core reads Excel's ranges through
 * it in place, so a million-row argument is not copied into a second array first.
 */
export interface Column<T> {
  readonly length: number;
  get(index: number): T;
}

export function columnOf<T>(values: ArrayLike<T>): Column<T> {
  return { length: values.length, get: (index) => values[index] };
}

/**
 * Memoises a classification of user-typed labels (stage names, outcomes, groups). A range
 * holds a handful of distinct spellings repeated a million times, so the last few are
 * checked by identity before falling back to a map; `classify` runs once per spelling.
 */
export function labelMemo<V>(classify: (label: string) => V): (label: string) => V {
  const recentLabels: string[] = [];
  const recentValues: V[] = [];
  const all = new Map<string, V>();
  return (label) => {
    for (let i = 0; i < recentLabels.length; i++)
      if (recentLabels[i] === label) return recentValues[i];
    let value = all.get(label);
    if (value === undefined && !all.has(label)) {
      value = classify(label);
      all.set(label, value);
    }
    if (recentLabels.length < 8) {
      recentLabels.push(label);
      recentValues.push(value as V);
    }
    return value as V;
  };
}
