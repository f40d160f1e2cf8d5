/** The V2MOM documents of the open plan, and saving them back as one change. */
import * as React from "react";
import type { V2mom } from "../../domain/v2mom";
import { withExtraColumns } from "../../workbook/rows";
import { tables } from "../../workbook/schema";
import { v2momFromRows, v2momToRows } from "../../workbook/v2momTables";
import { SaveOutcome, usePlan } from "../plan/PlanContext";

export function useV2moms() {
  const plan = usePlan();
  const { snapshot, save } = plan;
  const documents = React.useMemo(
    () =>
      snapshot
        ? v2momFromRows(
            snapshot.tables.v2momDocuments,
            snapshot.tables.v2momItems,
            snapshot.tables.v2momMeasures
          )
        : [],
    [snapshot]
  );

  /** Replaces (or adds) the given documents and writes the three V2MOM tables as one change. */
  const saveDocuments = React.useCallback(
    async (changed: readonly V2mom[]): Promise<SaveOutcome> => {
      if (!snapshot) return save({});
      const byId = new Map(changed.map((d) => [d.id, d]));
      const next = [
        ...documents.map((d) => byId.get(d.id) ?? d),
        ...changed.filter((d) => !documents.some((old) => old.id === d.id)),
      ];
      const rows = v2momToRows(next);
      return save({
        v2momDocuments: withExtraColumns(
          tables.v2momDocuments,
          snapshot.tables.v2momDocuments,
          rows.v2momDocuments
        ),
        v2momItems: withExtraColumns(
          tables.v2momItems,
          snapshot.tables.v2momItems,
          rows.v2momItems
        ),
        v2momMeasures: withExtraColumns(
          tables.v2momMeasures,
          snapshot.tables.v2momMeasures,
          rows.v2momMeasures
        ),
      });
    },
    [documents, save, snapshot]
  );

  return { ...plan, documents, saveDocuments };
}
