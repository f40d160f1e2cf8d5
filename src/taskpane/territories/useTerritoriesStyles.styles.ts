/**
 * The Territories & Quotas pane's styles, shared by its steps (as Fluent UI v9 keeps a
 * component's styles apart from its state hook and its render).
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { paneLayout } from "../components/paneLayout.styles";

export const useTerritoriesStyles = makeStyles({
  ...paneLayout,
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
