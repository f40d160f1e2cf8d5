/**
 * The Pipeline pane's styles, shared by its steps; the same look as the Territories & Quotas
 * pane, and, like it, nothing wider than a 320 px pane: tables and charts scroll in their box.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { twoFieldsPerRow } from "../components/fieldGrid.styles";
import { messageList } from "../components/messageList.styles";

export const usePipelineStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  steps: { flexWrap: "wrap" },
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  grid: twoFieldsPerRow,
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  scroll: {
    overflowX: "auto",
    maxHeight: "22rem",
    overflowY: "auto",
    maxWidth: "100%",
    "& table": { tableLayout: "auto", width: "max-content", minWidth: "100%" },
  },
  chart: { overflowX: "auto", maxWidth: "100%" },
  list: { ...messageList, overflowWrap: "anywhere" },
});
