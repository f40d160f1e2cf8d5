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
} from "@fluentui/react-icons";
import { SAMPLE_FILE_NAME } from "../../../sample/constants";
import { PlanStore } from "../../../workbook/store";
import type { PackageDriver } from "../../../workbook/packageDriver";
import { useI18n } from "../../i18n";
import { PlanProvider } from "../../plan/PlanContext";
import { errorText } from "../../../domain/problem";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  dropping: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: "4px" },
  hidden: { display: "none" },
});

interface OpenFile {
  /** Distinguishes each opening, so the panes start afresh on a newly opened file. */
  id: number;
  name: string;
  driver: PackageDriver;
  store: PlanStore;
}

let openings = 0;

/** Opens bytes as a workbook, or an empty one, or (with `sample`) the seeded sample plan. */
async function openWorkbook(name: string, bytes?: ArrayBuffer, sample = false): Promise<OpenFile> {
  const { PackageDriver } = await import("../../../workbook/packageDriver");
  const driver = bytes ? await PackageDriver.fromBuffer(bytes) : await PackageDriver.blank();
  if (sample) {
    const { writeSamplePlan } = await import("../../../sample/samplePlan");
    await writeSamplePlan(driver);
  }
  return { id: ++openings, name, driver, store: new PlanStore(driver) };
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

  const start = React.useCallback(
    async (name: string, source?: Blob | "sample") => {
      try {
        const bytes = source && source !== "sample" ? await readBytes(source) : undefined;
        setFile(await openWorkbook(name, bytes, source === "sample"));
        setProblem(undefined);
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
    [t]
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
  };

  const bar = (
    <div className={styles.root}>
      <Toolbar aria-label={t("workbench.toolbar")} size="small">
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
      {file && (
        <MessageBar intent="info">
          <MessageBarBody>{t("workbench.file", { name: file.name })}</MessageBarBody>
        </MessageBar>
      )}
      {problem && (
        <MessageBar intent="error">
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
