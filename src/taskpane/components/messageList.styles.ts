import { GriffelStyle, tokens } from "@fluentui/react-components";

/** A list of located messages inside a message bar: indented, and scrolling once it is long. */
export const messageList: GriffelStyle = {
  margin: 0,
  paddingLeft: tokens.spacingHorizontalL,
  maxHeight: "12rem",
  overflowY: "auto",
};
