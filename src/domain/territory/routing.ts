/**
 * The routing rule, as sales teams carve: an account may only go to a rep who covers its
 * region, its industry and its size tier.
 */
import { labelKey } from "../labels";
import { wordsFrom, type Worded } from "../problem";
import { ACCOUNTS_PER_BEAT, noBeat, type Beat } from "./progress";
import type { Account, Rep } from "./types";

/** In a rep's coverage list, stands for every value. */
const ANY = "*";

const covers = (list: readonly string[], value: string) =>
  list.length === 0 || list.some((item) => item === ANY || labelKey(item) === labelKey(value));

/** The routing rule: a rep with capacity who covers the account's region, industry and size tier. */
export function isEligible(rep: Rep, account: Account): boolean {
  return (
    rep.capacity > 0 &&
    covers(rep.regions, account.region) &&
    covers(rep.industries, account.industry) &&
    covers(rep.sizeTiers, account.sizeTier)
  );
}

/** Why an account is routed to nobody, in English (the catalogs in src/i18n translate the codes). */
export const UNROUTABLE_REASONS = {
  noRegion: 'no rep covers region "{region}"',
  noIndustry: 'no rep in region "{region}" covers industry "{industry}"',
  noSizeTier: 'no rep in region "{region}" and industry "{industry}" covers size tier "{sizeTier}"',
} as const;

export type UnroutableCode = keyof typeof UNROUTABLE_REASONS;
const unroutable = wordsFrom(UNROUTABLE_REASONS);

/** Why no rep may own the account: the first of region, industry, size tier that nobody covers. */
export function unroutableReason(account: Account, reps: Rep[]): Worded<UnroutableCode> {
  const { region, industry, sizeTier } = account;
  const staffed = reps.filter((rep) => rep.capacity > 0);
  const inRegion = staffed.filter((rep) => covers(rep.regions, region));
  if (inRegion.length === 0) return unroutable("noRegion", { region });
  const inIndustry = inRegion.filter((rep) => covers(rep.industries, industry));
  if (inIndustry.length === 0) return unroutable("noIndustry", { region, industry });
  return unroutable("noSizeTier", { region, industry, sizeTier });
}

/**
 * Groups accounts into routing cells (one per region × industry × size tier seen) and lists
 * the reps eligible for each, so eligibility is worked out once per cell, not per account.
 */
export function routingCells(
  accounts: Account[],
  reps: Rep[],
  beat: Beat = noBeat
): { cell: Int32Array; eligible: Int32Array[] } {
  const cellOf = new Map<string, number>();
  // The same three values as spelled in the table, a few hundred combinations over 100,000
  // accounts: looked up as they are before being normalised into the cell's key.
  const seen = new Map<string, Map<string, Map<string, number>>>();
  const eligible: Int32Array[] = [];
  const cell = new Int32Array(accounts.length);
  for (let i = 0; i < accounts.length; i++) {
    if (i % ACCOUNTS_PER_BEAT === ACCOUNTS_PER_BEAT - 1) beat();
    const a = accounts[i];
    let byIndustry = seen.get(a.region);
    if (!byIndustry) seen.set(a.region, (byIndustry = new Map()));
    let byTier = byIndustry.get(a.industry);
    if (!byTier) byIndustry.set(a.industry, (byTier = new Map()));
    let id = byTier.get(a.sizeTier);
    if (id === undefined) {
      const key = `${labelKey(a.region)}\u0000${labelKey(a.industry)}\u0000${labelKey(a.sizeTier)}`;
      id = cellOf.get(key);
      if (id === undefined) {
        id = eligible.length;
        cellOf.set(key, id);
        const reps_ = reps.map((rep, r) => (isEligible(rep, a) ? r : -1)).filter((r) => r >= 0);
        eligible.push(Int32Array.from(reps_));
      }
      byTier.set(a.sizeTier, id);
    }
    cell[i] = id;
  }
  return { cell, eligible };
}
