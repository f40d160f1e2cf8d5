// `npm start`: sideload into desktop Excel where Excel can exist (Windows, macOS);
// elsewhere (Linux, a build server) serve the pane over http and say where to open it.
import { spawn } from "node:child_process";

const port = process.env.npm_package_config_dev_server_port || "3000";
const extra = process.argv.slice(2);
const run = (command, args, env = {}) => {
  const child = spawn(command, args, { stdio: "inherit", shell: process.platform === "win32", env: { ...process.env, ...env } });
  child.on("exit", (code) => process.exit(code ?? 1));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
};

if ((process.platform === "win32" || process.platform === "darwin") && process.env.SALES_PLAN_NO_EXCEL !== "1") {
  run("npx", ["office-addin-debugging", "start", "manifest.xml", ...extra]);
} else {
  console.log("");
  console.log("Excel desktop is not available on this system, so the add-in runs outside Excel.");
  console.log(`Open http://localhost:${port}/taskpane.html in a browser once the build below is ready.`);
  console.log("To use it inside Excel on the web instead, see README.md (npm run start:web).");
  console.log("");
  run("npx", ["webpack", "serve", "--mode", "development"], { DEV_SERVER_HTTP: "1" });
}
