import "@testing-library/jest-dom";

// jsdom has no layout engine; Fluent UI's overflow and reflow hooks only need the constructor.
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
const host = globalThis as { ResizeObserver?: unknown };
host.ResizeObserver ??= NoLayoutResizeObserver;
