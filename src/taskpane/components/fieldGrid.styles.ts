import { GriffelStyle, tokens } from "@fluentui/react-components";

/**
 * Form fields two to a row. minmax(0, 1fr) and min-width 0 let fields shrink to a narrow task
 * pane instead of overflowing it.
 */
export const twoFieldsPerRow: GriffelStyle = {
  display: "grid",
  gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
  gap: tokens.spacingHorizontalS,
  // Each field keeps its own height: a neighbour's long hint must not stretch an input.
  alignItems: "start",
  "& .fui-Input, & .fui-Select": { minWidth: 0 },
};
