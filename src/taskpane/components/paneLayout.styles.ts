import { GriffelStyle, tokens } from "@fluentui/react-components";
import { twoFieldsPerRow } from "./fieldGrid.styles";

/**
 * The layout the step-by-step panes share (Territories & Quotas, Pipeline), nothing wider
 * than a 320 px task pane: min-width 0 lets a wide table or chart scroll in its own box
 * instead of widening the pane, and the steps wrap onto a second line rather than scroll.
 */
export const paneLayout = {
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  steps: { flexWrap: "wrap" },
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  grid: twoFieldsPerRow,
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  // A table as wide as its figures need, scrolling in this box: figures never run together.
  scroll: {
    overflowX: "auto",
    maxHeight: "22rem",
    overflowY: "auto",
    maxWidth: "100%",
    "& table": { tableLayout: "auto", width: "max-content", minWidth: "100%" },
  },
  chart: { overflowX: "auto", maxWidth: "100%" },
} satisfies Record<string, GriffelStyle>;
