/**
 * The Territories & Quotas pane's styles, shared by its steps (as Fluent UI v9 keeps a
 * component's styles apart from its state hook and its render).
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { twoFieldsPerRow } from "../components/fieldGrid.styles";

export const useTerritoriesStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  grid: twoFieldsPerRow,
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  scroll: { overflowX: "auto", maxHeight: "22rem", overflowY: "auto" },
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
  },
});
