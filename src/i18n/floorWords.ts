/**
 * The deviation floor (domain/territory/bound.ts) in words, the same for the pane, the review
 * sheet and the command line: how low the largest deviation can go, which reps and accounts
 * force it, and what would bring it within the band. Each shell passes its own catalog's
 * phrases (`say`); the figures are formatted here, as figures.ts formats the metrics.
 */
import type { BindingSet, DeviationBound, Remedy, Segment } from "../domain/territory";
import { percent } from "./figures";

/** The phrases a catalog supplies: territories.floor.<phrase> in the panes', floor<Phrase> in the command line's. */
export const FLOOR_PHRASES = [
  "within",
  "above",
  "over",
  "under",
  "addFte",
  "moveFte",
  "widen",
  "fteTo",
  "fteFromTo",
  "stepSeparator",
  "segmentReps",
  "repsMore",
  "anySegment",
  "potential",
  "load",
] as const;
export type FloorPhrase = (typeof FLOOR_PHRASES)[number];

export type SayFloor = (phrase: FloorPhrase, values?: Record<string, string | number>) => string;

export interface FloorWords {
  /** The floor against the band. */
  headline: string;
  /** One sentence per set of reps forcing the floor (none when a perfect balance is possible). */
  causes: string[];
  /** One sentence per remedy (none when the floor is already within the band). */
  remedies: string[];
  /** Whether the floor lies outside the band (so the band cannot be met by any run). */
  aboveBand: boolean;
}

/** Rep ids named in full up to this many; beyond, "and N more". */
const REPS_NAMED = 3;
/** A segment's values named per dimension up to this many; beyond, the first ones and "…". */
const VALUES_NAMED = 3;
/** Two shares closer than this are the same figure (no workload blended in). */
const SAME_SHARE = 1e-9;

const fte = (value: number) => value.toFixed(2);

export function floorWords(bound: DeviationBound, say: SayFloor): FloorWords {
  const floor = bound.lowestPossibleDeviation;
  const aboveBand = floor > bound.band + SAME_SHARE;
  const segmentText = (segment: Segment) => {
    const parts = [segment.regions, segment.industries, segment.sizeTiers]
      .filter((values): values is string[] => values !== null)
      .map((values) =>
        values.length <= VALUES_NAMED
          ? values.join("/")
          : [...values.slice(0, VALUES_NAMED), "…"].join("/")
      );
    return parts.length ? parts.join(" · ") : say("anySegment");
  };
  const idList = (ids: readonly string[]) =>
    ids.length <= REPS_NAMED
      ? ids.join(", ")
      : say("repsMore", {
          reps: ids.slice(0, REPS_NAMED).join(", "),
          count: ids.length - REPS_NAMED,
        });
  // Reps that are exactly a set forced over its share are named by what only they may take.
  const sameReps = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((id) => b.includes(id));
  const repsText = (ids: readonly string[]) => {
    const set = bound.binding.find((s) => s.direction === "over" && sameReps(s.repIds, ids));
    return set ? say("segmentReps", { segment: segmentText(set.segment) }) : idList(ids);
  };
  const cause = (set: BindingSet) => {
    const potential = Math.abs(set.loadShare - set.potentialShare) < SAME_SHARE;
    return say(set.direction, {
      segment: segmentText(set.segment),
      reps: idList(set.repIds),
      share: percent(potential ? set.potentialShare : set.loadShare),
      measure: say(potential ? "potential" : "load"),
      capacity: percent(set.capacityShare),
    });
  };
  const remedy = (r: Remedy) => {
    const after = percent(r.deviationAfter);
    switch (r.kind) {
      case "addFte":
        return say("addFte", {
          fte: fte(r.fte),
          steps: r.steps
            .map((s) => say("fteTo", { fte: fte(s.fte), reps: repsText(s.repIds) }))
            .join(say("stepSeparator")),
          after,
        });
      case "moveFte":
        return say("moveFte", {
          fte: fte(r.fte),
          steps: r.steps
            .map((s) =>
              say("fteFromTo", {
                fte: fte(s.fte),
                from: idList(s.fromRepIds),
                to: repsText(s.toRepIds),
              })
            )
            .join(say("stepSeparator")),
          after,
        });
      case "widenCoverage":
        return say("widen", { reps: idList(r.repIds), segment: segmentText(r.segment), after });
    }
  };
  return {
    headline: say(aboveBand ? "above" : "within", {
      floor: percent(floor),
      band: percent(bound.band),
    }),
    causes: bound.binding.map(cause),
    remedies: aboveBand ? bound.remedies.map(remedy) : [],
    aboveBand,
  };
}
