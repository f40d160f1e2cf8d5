/**
 * Real-browser support: Debian's Chromium (never a downloaded browser) driven by
 * playwright-core, over the built dist/ served from a local port. The only network request
 * the page makes, Office.js from Microsoft's CDN, is refused at once, as it is on a machine
 * without internet, which is exactly the workbench case.
 */
import { createServer, Server } from "node:http";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { Browser, Locator, Page, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const DIST = resolve(__dirname, "../../dist");
export const ARTIFACTS = resolve(__dirname, "../../test-artifacts/e2e");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

export async function serveDist(): Promise<{ url: string; server: Server }> {
  if (!existsSync(join(DIST, "taskpane.html")))
    throw new Error("dist/ is not built: run `npm run build` first (npm test does).");
  const server = createServer((request, response) => {
    const path = normalize(
      decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname)
    ).replace(/^(\.\.[/\\])+/, "");
    const file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

/**
 * The built pane served and Chromium started for a test file's tests (closed after them):
 * `session.url` and `session.browser` are set once the file's beforeAll has run.
 */
export function useBrowserSession(): { url: string; browser: Browser } {
  const session = {} as { url: string; browser: Browser; server?: Server };
  beforeAll(async () => {
    const served = await serveDist();
    session.url = served.url;
    session.server = served.server;
    session.browser = await launch();
  });
  afterAll(async () => {
    await session.browser?.close();
    session.server?.close();
  });
  return session;
}

/** A pane-sized page that records every request leaving the machine. */
export async function panePage(
  browser: Browser,
  options: { locale?: string; colorScheme?: "light" | "dark" } = {}
): Promise<{ page: Page; outbound: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 420, height: 900 },
    acceptDownloads: true,
    locale: options.locale ?? "en-US",
    colorScheme: options.colorScheme ?? "light",
  });
  const page = await context.newPage();
  const outbound: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("http://127.0.0.1") || url.startsWith("blob:") || url.startsWith("data:"))
      return route.continue();
    outbound.push(url);
    return route.abort();
  });
  return { page, outbound };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** One part of the pane (a chart, say), close up. */
export async function screenshotOf(part: Locator, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await part.screenshot({ path });
  return path;
}

/**
 * How wide the page scrolls against how wide it is, and what sticks out (to say why): a
 * task pane is 320 to 420 px wide and must never scroll sideways.
 */
export async function sideways(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const width = root.clientWidth;
    // An element past the right edge that no scrolling box of its own contains.
    const contained = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === "auto" || x === "scroll" || x === "hidden") return true;
      }
      return false;
    };
    const out = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !contained(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)}`);
    // A button cut off at the edge by a box that hides its overflow (a toolbar, say).
    const scrolled = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === "auto" || x === "scroll") return true;
      }
      return false;
    };
    const clipped = [...document.body.querySelectorAll("button")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolled(el))
      .map((el) => el.textContent ?? "");
    return {
      clipped,
      scrollWidth: root.scrollWidth,
      clientWidth: width,
      bodyScrollWidth: document.body.scrollWidth,
      bodyClientWidth: document.body.clientWidth,
      out,
    };
  });
}

export async function expectNoSideways(page: Page, where: string) {
  const m = await sideways(page);
  // The place in the message says which state overflowed.
  const fits = m.scrollWidth <= m.clientWidth;
  // When it does not fit, the message names the elements that stick out.
  expect({ where, fits, out: fits ? [] : m.out }).toEqual({ where, fits: true, out: [] });
  expect(m.bodyScrollWidth).toBeLessThanOrEqual(m.bodyClientWidth);
  expect({ where, clipped: m.clipped }).toEqual({ where, clipped: [] });
}
