/**
 * The opportunities table the pipeline is captured from: the workbook's tables, the one
 * chosen (the stored one first, else one whose name looks like opportunities), its column
 * mapping, and the opportunities it reads as now, with every unreadable cell at its address.
 */
import * as React from "react";
import { errorText } from "../../domain/problem";
import type { RawTable } from "../../workbook/rows";
import type { ColumnMapping } from "../../workbook/sourceTables";
import type { UserTable } from "../../workbook/store";
import {
  guessPipelineMapping,
  readOpportunities,
  readPipelineSettings,
  type PipelineField,
  type PipelineSource,
} from "../../workbook/pipelineTables";
import { usePlan } from "../plan/PlanContext";

const LOOKS_LIKE_OPPORTUNITIES = /opportunit|opps?\b|deals?|pipeline|商机|机会/i;

export function usePipelineSource() {
  const { store, snapshot } = usePlan();
  const [tables, setTables] = React.useState<UserTable[]>([]);
  const [table, setTable] = React.useState<UserTable>();
  const [raw, setRaw] = React.useState<RawTable>();
  const [mapping, setMapping] = React.useState<ColumnMapping<PipelineField>>({});
  const [loadError, setLoadError] = React.useState<string>();

  React.useEffect(() => {
    let live = true;
    void store.listUserTables().then((found) => live && setTables(found));
    return () => {
      live = false;
    };
  }, [store, snapshot?.revision]);

  const choose = React.useCallback(
    async (next: UserTable | undefined, keep?: ColumnMapping<PipelineField>) => {
      setTable(next);
      if (!next) {
        setRaw(undefined);
        setMapping({});
        return;
      }
      try {
        const read = await store.readUserTable(next);
        setRaw(read);
        setMapping(keep ?? (read ? guessPipelineMapping(read.header) : {}));
        setLoadError(undefined);
      } catch (error) {
        setLoadError(errorText(error));
      }
    },
    [store]
  );

  // The first choice, once: the stored table and columns, else a table named like opportunities.
  const started = React.useRef(false);
  React.useEffect(() => {
    if (started.current || !snapshot || tables.length === 0) return;
    started.current = true;
    const stored = readPipelineSettings(snapshot).source;
    const found = stored && tables.find((t) => t.name === stored.table.name);
    if (found) void choose(found, stored.mapping);
    else {
      const guess = tables.find((t) => LOOKS_LIKE_OPPORTUNITIES.test(t.name));
      if (guess) void choose(guess);
    }
  }, [snapshot, tables, choose]);

  // The table as it is now, re-read after each save (a capture, a call).
  React.useEffect(() => {
    if (!table) return;
    let live = true;
    void store.readUserTable(table).then(
      (read) => live && setRaw(read),
      (error: unknown) => live && setLoadError(errorText(error))
    );
    return () => {
      live = false;
    };
  }, [store, table, snapshot?.revision]);

  const read = React.useMemo(
    () => (raw && table ? readOpportunities(raw, table.name, mapping) : undefined),
    [raw, table, mapping]
  );
  const source: PipelineSource | undefined = table && { table, mapping };
  return { tables, table, raw, mapping, setMapping, choose, read, source, loadError };
}

export type PipelineSourceState = ReturnType<typeof usePipelineSource>;
