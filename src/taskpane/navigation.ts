/**
 * Which pane view is showing. Ribbon buttons (commands.ts) and the pane live in the same
 * shared-runtime page but in separate bundles, so they meet through a window event rather
 * than a shared module instance.
 */
export type PaneView = "v2mom" | "territories" | "pipeline";

export const paneViews: readonly PaneView[] = ["v2mom", "territories", "pipeline"];
const NAVIGATE_EVENT = "salesplan:navigate";

interface NavigationWindow {
  salesPlanRequestedView?: PaneView;
}

export function isPaneView(value: unknown): value is PaneView {
  return typeof value === "string" && (paneViews as readonly string[]).includes(value);
}

/** Asks the pane to show a view; remembered for a pane that has not mounted yet. */
export function requestView(view: PaneView): void {
  (window as NavigationWindow).salesPlanRequestedView = view;
  window.dispatchEvent(new CustomEvent<PaneView>(NAVIGATE_EVENT, { detail: view }));
}

/** The view to open first: the last ribbon request, else `?view=` in the URL, else V2MOM. */
export function initialView(): PaneView {
  const requested = (window as NavigationWindow).salesPlanRequestedView;
  if (requested) return requested;
  const fromUrl = new URLSearchParams(window.location.search).get("view");
  return isPaneView(fromUrl) ? fromUrl : "v2mom";
}

export function onViewRequested(listener: (view: PaneView) => void): () => void {
  const handler = (event: Event) => {
    const view = (event as CustomEvent<unknown>).detail;
    if (isPaneView(view)) listener(view);
  };
  window.addEventListener(NAVIGATE_EVENT, handler);
  return () => window.removeEventListener(NAVIGATE_EVENT, handler);
}
