#!/usr/bin/env node
// Runs the TypeScript command line directly (tsx), so `npx sales-plan` works on a fresh clone
// without a build step.
require("tsx/cjs/api").register();
require("../src/cli/main.ts");
