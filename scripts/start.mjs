// `npm start`: sideload into desktop Excel where Excel can exist (Windows, macOS);
// elsewhere (Linux, a build server) serve the pane over http and say where to open it.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const port = process.env.npm_package_config_dev_server_port || "3000";
const extra = process.argv.slice(2);
const run = (command, args, env = {}) => {
  const child = spawn(command, args, {
    stdio: "inherit",
    shell: process.platform === "win32",
    env: { ...process.env, ...env },
  });
  child.on("exit", (code) => process.exit(code ?? 1));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
};

// The sideloading tool is an optional dependency: one of its own dependencies (keytar) compiles
// native code against libsecret on Linux, and a failed build there must not fail `npm install`.
const sideloader = (() => {
  try {
    return createRequire(import.meta.url).resolve("office-addin-debugging/package.json");
  } catch {
    return undefined;
  }
})();
const excelCanRunHere = process.platform === "win32" || process.platform === "darwin";

if (excelCanRunHere && process.env.SALES_PLAN_NO_EXCEL !== "1" && sideloader) {
  run("npx", ["--no-install", "office-addin-debugging", "start", "manifest.xml", ...extra]);
} else {
  if (excelCanRunHere && !sideloader)
    console.log(
      "office-addin-debugging is not installed (npm install skipped it), so Excel is not started."
    );
  console.log("");
  console.log("Excel desktop is not available on this system, so the add-in runs outside Excel.");
  console.log(
    `Open http://localhost:${port}/taskpane.html in a browser once the build below is ready.`
  );
  console.log("To use it inside Excel on the web instead, see README.md (npm run start:web).");
  console.log("");
  run("npx", ["webpack", "serve", "--mode", "development"], { DEV_SERVER_HTTP: "1" });
}
