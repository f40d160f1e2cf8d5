/**
 * Ribbon buttons. They run in the shared runtime, switch the pane to their view and show it.
 * Office.addin.showAsTaskpane needs SharedRuntime 1.1, the manifest's only requirement set.
 */
import { PaneView, requestView } from "../taskpane/navigation";

function opener(view: PaneView) {
  return async (event: Office.AddinCommands.Event) => {
    requestView(view);
    try {
      await Office.addin.showAsTaskpane();
    } finally {
      event.completed();
    }
  };
}

if (typeof Office !== "undefined") {
  Office.onReady(() => {
    Office.actions.associate("openV2momPane", opener("v2mom"));
    Office.actions.associate("openTerritoriesPane", opener("territories"));
    Office.actions.associate("openPipelinePane", opener("pipeline"));
  });
}
