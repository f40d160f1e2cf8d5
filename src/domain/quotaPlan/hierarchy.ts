/** The company → managers → reps tree the target is split down, and its soundness checks. */
import type { InputIssue } from "../outcome";
import { quotaProblem } from "../quotaProblems";
import type { QuotaManager, QuotaRep } from "./types";

export const NO_MANAGER = "(no manager)";

export interface TreeNode {
  parent?: string;
  managers: string[];
  reps: number[];
}

/**
 * The management tree: each rep under its manager, each manager under its parent. A
 * manager leads either reps or managers, not both, so every split has one meaning.
 * Returns the problems instead when the tree is not sound.
 */
export function managementTree(
  reps: QuotaRep[],
  managers: QuotaManager[]
): Map<string, TreeNode> | InputIssue[] {
  const issues: InputIssue[] = [];
  const tree = new Map<string, TreeNode>();
  const node = (team: string) => {
    let entry = tree.get(team);
    if (!entry) tree.set(team, (entry = { managers: [], reps: [] }));
    return entry;
  };
  managers.forEach((manager, i) => {
    if (tree.has(manager.id) && tree.get(manager.id)!.parent !== undefined) {
      issues.push({
        table: "settings",
        row: i + 1,
        id: manager.id,
        field: "managers",
        ...quotaProblem("managerTwice", { manager: manager.id }),
      });
    }
    const entry = node(manager.id);
    if (manager.parent) {
      entry.parent = manager.parent;
      node(manager.parent).managers.push(manager.id);
    }
  });
  reps.forEach((rep, i) => node(rep.manager?.trim() || NO_MANAGER).reps.push(i));
  for (const [team, entry] of tree) {
    if (entry.managers.length && entry.reps.length) {
      issues.push({
        table: "settings",
        id: team,
        field: "managers",
        ...quotaProblem("managerMixed", { team }),
      });
    }
    const seen = new Set<string>([team]);
    for (let up = entry.parent; up !== undefined; up = tree.get(up)?.parent) {
      if (seen.has(up)) {
        issues.push({
          table: "settings",
          id: team,
          field: "managers",
          ...quotaProblem("managerLoop", { team, path: [...seen].join(" → ") }),
        });
        break;
      }
      seen.add(up);
    }
  }
  if (issues.length) return issues;
  // A listed manager with nobody under them takes no share of the target.
  const empty = (team: string): boolean =>
    !tree.get(team)!.reps.length && tree.get(team)!.managers.every(empty);
  for (const team of [...tree.keys()].filter(empty)) tree.delete(team);
  for (const entry of tree.values()) entry.managers = entry.managers.filter((m) => tree.has(m));
  return tree;
}
