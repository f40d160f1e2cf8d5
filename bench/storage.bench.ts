/**
 * Saving and loading a 100,000-account assignment table through both adapters: the .xlsx
 * file adapter (real bytes, target: round trip ≤ 5 s) and the Office.js adapter against an
 * in-memory workbook (counting syncs and bytes per sync; targets: ≤ 4 MB per sync,
 * syncs ≤ ⌈bytes ÷ 4 MB⌉ + 3).
 */
import ExcelJS from "exceljs";
import { performance } from "node:perf_hooks";
import { MAX_REQUEST_BYTES, OfficeDriver, chunkRows } from "../src/workbook/officeDriver";
import { PlanRow } from "../src/workbook/rows";
import { PlanStore } from "../src/workbook/store";
import { PackageDriver } from "../src/workbook/packageDriver";
import { tables } from "../src/workbook/schema";
import { FakeWorkbook } from "../test/support/fakeExcel";
import { printTable } from "./harness";

const seconds = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
};

export async function runStorageBench(): Promise<void> {
  const count = Number(process.env.BENCH_STORAGE_ROWS ?? 100_000);
  const rows: PlanRow[] = Array.from({ length: count }, (_, i) => ({
    Scenario: "Base",
    AccountId: `A${String(i).padStart(6, "0")}`,
    RepId: `R${String(i % 500).padStart(4, "0")}`,
    Reason: i % 20 ? "kept" : "moved",
    MovedFrom: i % 20 ? null : `R${String((i + 7) % 500).padStart(4, "0")}`,
    Locked: i % 50 === 0,
  }));
  const now = () => new Date(Date.UTC(2026, 10, 27));

  const file = await PackageDriver.blank();
  const fileStore = new PlanStore(file, now);
  let bytes: Uint8Array = new Uint8Array();
  const save = await seconds(async () => {
    await fileStore.save(await fileStore.load(), { assignments: rows });
    bytes = await file.toBuffer();
  });
  let loadedRows = 0;
  const load = await seconds(async () => {
    const snapshot = await new PlanStore(await PackageDriver.fromBuffer(bytes), now).load();
    loadedRows = snapshot.tables.assignments.rows.length;
  });
  if (loadedRows !== count) throw new Error(`file round trip lost rows: ${loadedRows} of ${count}`);

  // Baseline: ExcelJS alone writing and reading the same cells as one table, no plan logic.
  const baseline = await seconds(async () => {
    const book = new ExcelJS.Workbook();
    const header = tables.assignments.columns.map((c) => c.header);
    book.addWorksheet("Assignments").addTable({
      name: "PlanAssignments",
      ref: "A1",
      headerRow: true,
      columns: header.map((name) => ({ name })),
      rows: rows.map((row) => header.map((h) => row[h] ?? null)) as ExcelJS.CellValue[][],
    });
    const buffer = await book.xlsx.writeBuffer();
    await new ExcelJS.Workbook().xlsx.load(buffer);
  });

  const workbook = new FakeWorkbook();
  const office = new OfficeDriver(workbook.plainRun());
  const header = tables.assignments.columns.map((c) => c.header);
  const cells = rows.map((row) => header.map((h) => row[h] ?? null));
  const valueBytes = chunkRows(cells, Infinity)[0].bytes;
  const write = await seconds(() => office.writeTable(tables.assignments, header, cells));
  const writeStats = { ...office.stats, bytesPerSync: [...office.stats.bytesPerSync] };
  office.stats.syncs = 0;
  office.stats.bytesPerSync = [];
  const read = await seconds(() => office.readTable(tables.assignments));

  printTable(`\nStorage: ${count.toLocaleString("en")}-row assignment table`, [
    {
      adapter: ".xlsx file",
      step: "save + write bytes",
      seconds: save,
      syncs: "–",
      "max MB/sync": "–",
      "sync limit": "–",
      "file MB": bytes.length / 1e6,
    },
    {
      adapter: ".xlsx file",
      step: "read bytes + load",
      seconds: load,
      syncs: "–",
      "max MB/sync": "–",
      "sync limit": "–",
      "file MB": bytes.length / 1e6,
    },
    {
      adapter: ".xlsx file",
      step: "round trip (target ≤ 5 s)",
      seconds: save + load,
      syncs: "–",
      "max MB/sync": "–",
      "sync limit": "–",
      "file MB": bytes.length / 1e6,
    },
    {
      adapter: "ExcelJS alone",
      step: "write + read the same cells",
      seconds: baseline,
      syncs: "–",
      "max MB/sync": "–",
      "sync limit": "–",
      "file MB": "–",
    },
    {
      adapter: ".xlsx file",
      step: "round trip ÷ ExcelJS alone",
      seconds: (save + load) / baseline,
      syncs: "–",
      "max MB/sync": "–",
      "sync limit": "–",
      "file MB": "–",
    },
    {
      adapter: "Office.js",
      step: `write (${(valueBytes / 1e6).toFixed(2)} MB of values)`,
      seconds: write,
      syncs: writeStats.syncs,
      "max MB/sync": Math.max(...writeStats.bytesPerSync) / 1e6,
      "sync limit": Math.ceil(valueBytes / MAX_REQUEST_BYTES) + 3,
      "file MB": "–",
    },
    {
      adapter: "Office.js",
      step: "read",
      seconds: read,
      syncs: office.stats.syncs,
      "max MB/sync": "–",
      "sync limit": "–",
      "file MB": "–",
    },
  ]);
}

if (require.main === module) void runStorageBench();
