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

// jsdom's structuredClone is missing; Node's serializer clones the same way for plain data.
import { deserialize, serialize } from "node:v8";
const cloning = globalThis as { structuredClone?: unknown };
cloning.structuredClone ??= (value: unknown) => deserialize(serialize(value));

// No layout in jsdom: give virtualised lists a viewport and their rows a height, so the
// virtualiser draws what a 480-pixel pane would and tests can see that it draws no more.
const sized = (
  name: "clientWidth" | "clientHeight" | "offsetHeight",
  scroller: number,
  row: number
) => {
  const original =
    Object.getOwnPropertyDescriptor(HTMLElement.prototype, name) ??
    Object.getOwnPropertyDescriptor(Element.prototype, name);
  Object.defineProperty(HTMLElement.prototype, name, {
    configurable: true,
    get(this: HTMLElement) {
      if (this.hasAttribute("data-virtual-scroller")) return scroller;
      if (this.hasAttribute("data-index")) return row;
      return original?.get?.call(this) ?? 0;
    },
  });
};
sized("clientWidth", 360, 360);
sized("clientHeight", 480, 36);
sized("offsetHeight", 480, 36);

// The panes read a real .xlsx before they draw; on a loaded 2-core machine that can take
// longer than Testing Library's default 1 s wait. Waiting longer changes no assertion.
import { configure } from "@testing-library/react";
configure({ asyncUtilTimeout: 10_000 });
