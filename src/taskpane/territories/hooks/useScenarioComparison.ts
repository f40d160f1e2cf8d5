/**
 * Which two stored scenarios the pane compares (the first two until the user picks), and
 * what differs between them.
 */
import * as React from "react";
import { ScenarioComparison, compareScenarios } from "../../../domain/scenario";
import type { StoredScenario } from "../../../workbook/scenarioTables";

export interface ScenarioPair {
  a?: string;
  b?: string;
  setA(name: string): void;
  setB(name: string): void;
  /** Undefined while fewer than two scenarios exist or both sides name the same one. */
  comparison?: ScenarioComparison;
}

export function useScenarioComparison(scenarios: readonly StoredScenario[]): ScenarioPair {
  const [compareA, setA] = React.useState<string>();
  const [compareB, setB] = React.useState<string>();
  const a = compareA ?? scenarios[0]?.name;
  const b = compareB ?? scenarios[1]?.name;
  const comparison = React.useMemo(() => {
    const first = scenarios.find((s) => s.name === a);
    const second = scenarios.find((s) => s.name === b);
    return first && second && first !== second ? compareScenarios(first, second) : undefined;
  }, [scenarios, a, b]);
  return { a, b, setA, setB, comparison };
}
