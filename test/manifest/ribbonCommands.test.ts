/**
 * The ribbon's ExecuteFunction names in manifest.xml must be the names commands.ts
 * associates, and each must open the pane on its own view.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Handler = (event: { completed(): void }) => Promise<void>;

describe("ribbon commands", () => {
  const handlers = new Map<string, Handler>();
  const dispatched: unknown[] = [];
  const showAsTaskpane = jest.fn(async () => undefined);

  beforeAll(async () => {
    const host = globalThis as Record<string, unknown>;
    host.window = {
      dispatchEvent: (event: { detail: unknown }) => dispatched.push(event.detail),
    };
    host.CustomEvent = class {
      constructor(
        readonly type: string,
        readonly init: { detail: unknown }
      ) {}
      get detail() {
        return this.init.detail;
      }
    };
    host.Office = {
      onReady: (callback: () => void) => callback(),
      actions: { associate: (name: string, handler: Handler) => handlers.set(name, handler) },
      addin: { showAsTaskpane },
    };
    await import("../../src/commands/commands");
  });

  it("associates every function the manifest's buttons call", () => {
    const manifest = readFileSync(join(__dirname, "../../manifest.xml"), "utf8");
    const names = [...manifest.matchAll(/<FunctionName>(\w+)<\/FunctionName>/g)].map((m) => m[1]);
    expect(names).toEqual(["openV2momPane", "openTerritoriesPane", "openPipelinePane"]);
    for (const name of names) expect(handlers.has(name)).toBe(true);
  });

  it.each([
    ["openV2momPane", "v2mom"],
    ["openTerritoriesPane", "territories"],
    ["openPipelinePane", "pipeline"],
  ])("%s shows the pane on the %s view and completes the event", async (name, view) => {
    const completed = jest.fn();
    await handlers.get(name)!({ completed });
    expect(dispatched[dispatched.length - 1]).toBe(view);
    expect(showAsTaskpane).toHaveBeenCalled();
    expect(completed).toHaveBeenCalledTimes(1);
  });
});
