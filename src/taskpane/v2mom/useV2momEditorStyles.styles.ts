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
  triple: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1fr)",
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
});
