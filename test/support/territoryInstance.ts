/**
 * Seeded territory instances shaped like real sales orgs: reps per region covering most of
 * its industries, log-normal account potential, current owners from the account's region.
 * Regional potential is drawn in proportion to regional capacity, so a perfect balance exists.
 */
import type { Account, Rep } from "../../src/domain/territory";
import { seededRandom, standardNormal as normal } from "../../src/sample/random";

export { seededRandom as seeded } from "../../src/sample/random";

export const regions = ["North America", "EMEA", "APAC", "LATAM", "ANZ"];
export const industries = [
  "Banking",
  "Insurance",
  "Retail",
  "Manufacturing",
  "Healthcare",
  "Energy",
  "Telecom",
  "Media",
  "Public Sector",
  "Education",
  "Transport",
  "Software",
];

export interface InstanceOptions {
  accounts: number;
  reps: number;
  seed?: number;
  /** Share of accounts whose current owner is an eligible rep of their region (default 0.9). */
  owned?: number;
  /** σ of log potential (default 1). */
  spread?: number;
}

export function territoryInstance({
  accounts: accountCount,
  reps: repCount,
  seed = 1,
  owned = 0.9,
  spread = 1,
}: InstanceOptions): { accounts: Account[]; reps: Rep[] } {
  const next = seededRandom(seed);
  const regionCount = Math.min(regions.length, Math.max(1, Math.floor(repCount / 2)));
  const reps: Rep[] = Array.from({ length: repCount }, (_, r) => ({
    id: `R${String(r + 1).padStart(4, "0")}`,
    name: `Rep ${r + 1}`,
    regions: [regions[r % regionCount]],
    // Each rep skips a third of the industries, so routing really constrains the choice.
    industries: industries.filter((_, k) => (k + Math.floor(r / regionCount)) % 3 !== 0),
    sizeTiers: [],
    capacity: r % 7 === 6 ? 0.5 : 1,
  }));
  const regionCapacity = Array.from({ length: regionCount }, (_, g) =>
    reps.filter((_, r) => r % regionCount === g).reduce((s, rep) => s + rep.capacity, 0)
  );
  const totalCapacity = regionCapacity.reduce((a, b) => a + b, 0);
  const accounts: Account[] = Array.from({ length: accountCount }, (_, a) => {
    let pick = next() * totalCapacity;
    let g = 0;
    while (g < regionCount - 1 && pick >= regionCapacity[g]) pick -= regionCapacity[g++];
    const industry = industries[Math.floor(next() * industries.length)];
    const candidates = reps.filter(
      (rep) => rep.regions[0] === regions[g] && rep.industries.includes(industry)
    );
    const owner =
      next() < owned && candidates.length
        ? candidates[Math.floor(next() * candidates.length)].id
        : undefined;
    return {
      id: `A${String(a + 1).padStart(6, "0")}`,
      name: `Account ${a + 1}`,
      region: regions[g],
      industry,
      sizeTier: next() < 0.15 ? "Key Account" : "SMB",
      potential: Math.round(Math.exp(11 + spread * normal(next))),
      workload: Math.round(1 + next() * 20),
      currentOwner: owner,
    };
  });
  return { accounts, reps };
}
