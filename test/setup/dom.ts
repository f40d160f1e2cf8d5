import "@testing-library/jest-dom";

// jsdom has no layout engine; Fluent UI's overflow and reflow hooks only need the constructor.
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
const host = globalThis as { ResizeObserver?: unknown };
host.ResizeObserver ??= NoLayoutResizeObserver;

// jsdom lacks the encoders browsers have; Node's are the same API.
import { TextDecoder, TextEncoder } from "node:util";
const encoders = globalThis as { TextEncoder?: unknown; TextDecoder?: unknown };
encoders.TextEncoder ??= TextEncoder;
encoders.TextDecoder ??= TextDecoder;
