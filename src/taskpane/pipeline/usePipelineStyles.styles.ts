/**
 * The Pipeline pane's styles, shared by its steps; the same look as the Territories & Quotas
 * pane, and, like it, nothing wider than a 320 px pane: tables and charts scroll in their box.
 */
import { makeStyles } from "@fluentui/react-components";
import { paneLayout } from "../components/paneLayout.styles";
import { messageList } from "../components/messageList.styles";

export const usePipelineStyles = makeStyles({
  ...paneLayout,
  list: { ...messageList, overflowWrap: "anywhere" },
});
