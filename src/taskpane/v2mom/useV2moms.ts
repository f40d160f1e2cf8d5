/** The V2MOM documents of the open plan, and saving them back as one change. */
import * as React from "react";
import type { V2mom } from "../../domain/v2mom";
import { replaceDocuments, v2momFromRows } from "../../workbook/v2momTables";
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
      // The other documents' rows are written back exactly as they were read.
      return save(replaceDocuments(snapshot.tables, changed));
    },
    [save, snapshot]
  );

  return { ...plan, documents, saveDocuments };
}
