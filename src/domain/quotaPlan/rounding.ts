/** The rounding every split uses, so totals, splits and the tie-out agree. */

/** Rounds to `decimals` digits exactly as the splits do, so totals and splits agree. */
export const roundTo = (value: number, decimals: number) =>
  Math.round(value * 10 ** decimals) / 10 ** decimals;
/** The value in units of the rounding, for exact comparisons. */
export const units = (value: number, decimals: number) => Math.round(value * 10 ** decimals);
