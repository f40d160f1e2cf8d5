/**
 * The Territories & Quotas pane's styles, shared by its steps (as Fluent UI v9 keeps a
 * component's styles apart from its state hook and its render).
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { twoFieldsPerRow } from "../components/fieldGrid.styles";

export const useTerritoriesStyles = makeStyles({
  // min-width 0: a wide table or chart scrolls in its own box instead of widening the pane.
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  // The five steps wrap onto a second line in a narrow pane rather than scroll it sideways.
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
  // A rep's deviation from target as a short bar: orange over, blue under.
  bar: {
    height: "0.5rem",
    borderRadius: tokens.borderRadiusSmall,
    display: "inline-block",
    verticalAlign: "middle",
  },
  over: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3 },
  under: { backgroundColor: tokens.colorPaletteBlueBorderActive },
  problems: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: "12rem",
    overflowY: "auto",
    overflowWrap: "anywhere",
  },
});
