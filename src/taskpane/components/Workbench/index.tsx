/**
 * Outside Excel the pane works on a workbook file: open one (picker or drag and drop) or
 * start an empty plan, use the panes exactly as in Excel, and download the workbook. The
 * file never leaves the browser. the file adapter is loaded only here, so the pane inside Excel
 * does not carry it.
 */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Toolbar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowDownloadRegular,
  DocumentAddRegular,
  DocumentTableRegular,
  FolderOpenRegular,
  CalculatorRegular,
} from "@fluentui/react-icons";
import { SAMPLE_FILE_NAME } from "../../../sample/constants";
import { PlanStore } from "../../../workbook/store";
import type { WorkbookDriver } from "../../../workbook/driver";
import type { PackageDriver } from "../../../workbook/packageDriver";
import { useI18n } from "../../i18n";
import { PlanProvider } from "../../plan/PlanContext";
import { errorText } from "../../../domain/problem";
import { RecalcOutcome, useRecalc } from "./RecalcOutcome";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  dropping: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: "4px" },
  hidden: { display: "none" },
  // The file actions wrap in a narrow pane instead of being cut off at its edge.
  toolbar: { flexWrap: "wrap" },
});

interface OpenFile {
  /** Distinguishes each opening, so the panes start afresh on a newly opened file. */
  id: number;
  name: string;
  driver: PackageDriver;
  store: PlanStore;
}

let openings = 0;

/**
 * The driver as the plan store sees it, telling `onWrite` after each write into the browser's
 * copy (also after one that failed part-way: the copy may have changed all the same).
 */
function noticingWrites(driver: PackageDriver, onWrite: (ok: boolean) => void): WorkbookDriver {
  const after =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      let ok = false;
      try {
        // What the write reports (the copy a report kept) is passed on to the store.
        const result = await write(...args);
        ok = true;
        return result;
      } finally {
        onWrite(ok);
      }
    };
  // Everything else (reads, listing tables) straight from the driver.
  return Object.assign(Object.create(driver) as PackageDriver, {
    writeTable: after(driver.writeTable.bind(driver)),
    writeColumn: after(driver.writeColumn.bind(driver)),
    writeReport: after(driver.writeReport.bind(driver)),
  });
}

/** Opens bytes as a workbook, or an empty one, or (with `sample`) the seeded sample plan. */
async function openWorkbook(
  name: string,
  onWrite: (ok: boolean) => void,
  bytes?: ArrayBuffer,
  sample = false
): Promise<OpenFile> {
  const { PackageDriver } = await import("../../../workbook/packageDriver");
  const driver = bytes ? await PackageDriver.fromBuffer(bytes) : await PackageDriver.blank();
  if (sample) {
    const { writeSamplePlan } = await import("../../../sample/samplePlan");
    await writeSamplePlan(driver);
  }
  return { id: ++openings, name, driver, store: new PlanStore(noticingWrites(driver, onWrite)) };
}

function readBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** `children` receives the workbench's bar (file actions and status) to show where the host banner goes. */
export function Workbench({ children }: { children: (bar: React.ReactNode) => React.ReactNode }) {
  const styles = useStyles();
  const { t } = useI18n();
  const [file, setFile] = React.useState<OpenFile>();
  const [problem, setProblem] = React.useState<string>();
  const [dropping, setDropping] = React.useState(false);
  const picker = React.useRef<HTMLInputElement>(null);
  // Changes written into the browser's copy since it was opened or last downloaded.
  const [unsaved, setUnsaved] = React.useState(false);
  const [saved, setSaved] = React.useState(false);
  const onWrite = React.useCallback((ok: boolean) => {
    setUnsaved(true);
    setSaved(ok);
  }, []);
  const recalc = useRecalc(onWrite);
  const { forget } = recalc;

  // Leaving or reloading the page would lose them: the browser asks first.
  React.useEffect(() => {
    if (!unsaved) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when a return value is set (they show their own words).
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [unsaved]);

  const start = React.useCallback(
    async (name: string, source?: Blob | "sample") => {
      try {
        const bytes = source && source !== "sample" ? await readBytes(source) : undefined;
        setFile(await openWorkbook(name, onWrite, bytes, source === "sample"));
        setProblem(undefined);
        forget();
        setUnsaved(false);
        setSaved(false);
      } catch (error) {
        // The open plan, if any, stays as it was.
        setProblem(
          t("workbench.badFile", {
            name,
            reason: errorText(error),
          })
        );
      }
    },
    [t, onWrite, forget]
  );

  // An empty plan to begin with, once: a later language switch must not replace the open plan.
  const begun = React.useRef(false);
  React.useEffect(() => {
    if (begun.current) return;
    begun.current = true;
    // The sample plan by default, so a first look shows a realistic plan; ?empty starts blank.
    const empty = new URLSearchParams(window.location.search).has("empty");
    void (empty ? start(t("workbench.newName")) : start(SAMPLE_FILE_NAME, "sample"));
  }, [start, t]);

  const download = async () => {
    if (!file) return;
    const url = URL.createObjectURL(
      new Blob([(await file.driver.toBuffer()) as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE })
    );
    const link = document.createElement("a");
    link.href = url;
    link.download = file.name.endsWith(".xlsx") ? file.name : `${file.name}.xlsx`;
    link.click();
    URL.revokeObjectURL(url);
    setUnsaved(false);
    setSaved(false);
  };

  const bar = (
    <div className={styles.root}>
      <Toolbar className={styles.toolbar} aria-label={t("workbench.toolbar")} size="small">
        <Button
          size="small"
          appearance="subtle"
          icon={<FolderOpenRegular />}
          onClick={() => picker.current?.click()}
        >
          {t("workbench.open")}
        </Button>
        <Button
          size="small"
          appearance="subtle"
          icon={<DocumentTableRegular />}
          onClick={() => void start(SAMPLE_FILE_NAME, "sample")}
        >
          {t("workbench.sample")}
        </Button>
        <Button
          size="small"
          appearance="subtle"
          icon={<DocumentAddRegular />}
          onClick={() => void start(t("workbench.newName"))}
        >
          {t("workbench.new")}
        </Button>
        <Button
          size="small"
          appearance="subtle"
          icon={<ArrowDownloadRegular />}
          disabled={!file}
          onClick={() => void download()}
        >
          {t("workbench.download")}
        </Button>
        <Button
          size="small"
          appearance="subtle"
          icon={<CalculatorRegular />}
          disabled={!file || recalc.running}
          onClick={() => file && void recalc.recalculate(file.driver.file)}
        >
          {t("workbench.recalc")}
        </Button>
      </Toolbar>
      <input
        ref={picker}
        className={styles.hidden}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={t("workbench.open")}
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          if (chosen) void start(chosen.name, chosen);
          event.target.value = "";
        }}
      />
      {recalc.report && <RecalcOutcome report={recalc.report} />}
      {recalc.failure && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{recalc.failure}</MessageBarBody>
        </MessageBar>
      )}
      {file && !saved && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t("workbench.file", { name: file.name })}</MessageBarBody>
        </MessageBar>
      )}
      {file && saved && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{t("workbench.saved", { name: file.name })}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" icon={<ArrowDownloadRegular />} onClick={() => void download()}>
              {t("workbench.downloadNow")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );

  return (
    <div
      className={dropping ? styles.dropping : undefined}
      onDragOver={(event) => {
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDropping(false);
        const dropped = event.dataTransfer.files[0];
        if (dropped) void start(dropped.name, dropped);
      }}
    >
      {file ? (
        <PlanProvider key={file.id} store={file.store}>
          {children(bar)}
        </PlanProvider>
      ) : (
        bar
      )}
    </div>
  );
}
