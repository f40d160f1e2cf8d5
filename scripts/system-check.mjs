// First step of `npm test`: the few programs the suites need that npm cannot carry (the
// third-party reader LibreOffice, a real Chromium, and xmllint + python3 for the vendored
// OOXML and manifest checkers). When one is missing, install it if this is root on a Debian-like
// system; otherwise stop at once with the exact command, before minutes go to other suites.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** What a suite needs → how to tell it is there → the Debian package that provides it. */
const NEEDS = [
  { what: "xmllint (manifest and OOXML schema checks)", command: "xmllint", apt: "libxml2-utils" },
  { what: "python3 (manifest and OOXML checkers)", command: "python3", apt: "python3" },
  {
    what: "LibreOffice (the third-party reader in the workbook tests)",
    command: "soffice",
    apt: "libreoffice-calc",
  },
  { what: "Chromium (the end-to-end pane tests)", file: "/usr/bin/chromium", apt: "chromium" },
  { what: "pdftotext (reading the report pack's PDF)", command: "pdftotext", apt: "poppler-utils" },
];
// Chinese glyphs for the zh-CN screenshots: installed when we can, never a reason to stop.
const NICE_TO_HAVE = [
  { what: "Chinese font for zh-CN screenshots", fontLang: "zh", apt: "fonts-wqy-microhei" },
];

const onPath = (command) =>
  (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
const fileExists = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const hasFont = (lang) => {
  if (!onPath("fc-list")) return false;
  const result = spawnSync("fc-list", [`:lang=${lang}`], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim() !== "";
};
const present = (need) =>
  need.command ? onPath(need.command) : need.file ? fileExists(need.file) : hasFont(need.fontLang);

const missing = NEEDS.filter((need) => !present(need));
const missingExtras = NICE_TO_HAVE.filter((need) => !present(need));
if (missing.length === 0 && (missingExtras.length === 0 || process.getuid?.() !== 0))
  process.exit(0);

const packages = [...new Set([...missing, ...missingExtras].map((need) => need.apt))];
const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`;
const canInstall =
  process.getuid?.() === 0 && onPath("apt-get") && process.env.SALES_PLAN_NO_APT !== "1";

if (!canInstall) {
  if (missing.length === 0) process.exit(0);
  console.error("npm test needs programs that npm cannot install:");
  for (const need of missing) console.error(`  - ${need.what}: not found`);
  console.error("Install them, then run npm test again:");
  console.error(`  sudo sh -c '${command}'`);
  process.exit(1);
}

console.log(
  `npm test: installing ${packages.join(", ")} (${[...missing, ...missingExtras].map((n) => n.what).join("; ")})`
);
try {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
    stdio: "inherit",
    env,
  });
} catch {
  console.error(`npm test: the installation failed; run it yourself and try again:\n  ${command}`);
  process.exit(1);
}
const stillMissing = NEEDS.filter((need) => !present(need));
if (stillMissing.length > 0) {
  console.error(
    `npm test: still missing after installing: ${stillMissing.map((n) => n.what).join("; ")}`
  );
  process.exit(1);
}
