/** The V2MOM editor's styles, shared by the editor and its measures section. */
import { makeStyles, tokens } from "@fluentui/react-components";
import { twoFieldsPerRow } from "../components/fieldGrid.styles";

export const useV2momEditorStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  pair: twoFieldsPerRow,
  fieldRow: {
    display: "grid",
    // Wraps to fewer columns rather than squeezing fields in a narrow pane: a column is never
    // narrower than a whole date with its picker button (10.5em), so no date is cut off.
    gridTemplateColumns: "repeat(auto-fit, minmax(10.5em, 1fr))",
    gap: tokens.spacingHorizontalS,
    "& .fui-Input, & .fui-Select": { minWidth: 0 },
  },
  measure: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  statusLine: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    flexWrap: "wrap",
  },
  add: { alignSelf: "flex-start" },
  // Fluent's Dropdown is at least 250px wide by default: too wide for a 320px task pane's card.
  dropdown: { minWidth: 0 },
});
