/* eslint-disable no-undef */
// Two test environments: plain Node for the planning core, functions and storage;
// jsdom for the React panes. Types are checked by `npm run typecheck`, so ts-jest only transpiles.
const transform = {
  "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.jest.json" }],
};

module.exports = {
  // The panes' tests walk whole flows (open, edit, save, read the file back) over real .xlsx
  // files; on this 2-core machine under load one can take over the default 5 s.
  testTimeout: 30_000,
  // Jest's default is one worker fewer than the cores, which on a 2-core machine runs every
  // suite in one process while the parent waits; one worker a core halves the wall time.
  maxWorkers: "100%",
  projects: [
    {
      displayName: "core",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/test/interop/"],
      setupFiles: [
        "<rootDir>/test/setup/customFunctionsRuntime.ts",
        "<rootDir>/test/setup/fastCheck.ts",
      ],
      moduleNameMapper: {
        "^office-addin-manifest$": "<rootDir>/test/setup/officeAddinManifest.ts",
      },
      transform,
    },
    {
      displayName: "panes",
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/test/taskpane/**/*.test.tsx"],
      setupFiles: [
        "<rootDir>/test/setup/customFunctionsRuntime.ts",
        "<rootDir>/test/setup/fastCheck.ts",
      ],
      setupFilesAfterEnv: ["<rootDir>/test/setup/dom.ts"],
      moduleNameMapper: {
        "/(PotentialChart|AttainmentChart|CapacityChart|PipelineBridgeChart|FunnelShapeChart|AccuracyTrendChart)$":
          "<rootDir>/test/setup/chartStub.tsx",
      },
      transform,
    },
    {
      // The product's files against other programs: every workbook of the Excel corpus
      // through the plan's steps, the OOXML validator, LibreOffice opening what was written.
      // Minutes of child processes, so `npm run test:core` leaves them to `npm test`.
      displayName: "interop",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/interop/**/*.test.ts"],
      setupFiles: [
        "<rootDir>/test/setup/customFunctionsRuntime.ts",
        "<rootDir>/test/setup/fastCheck.ts",
      ],
      moduleNameMapper: {
        "^office-addin-manifest$": "<rootDir>/test/setup/officeAddinManifest.ts",
      },
      transform,
    },
    {
      // Real Chromium over the built pane (npm test builds dist/ first).
      displayName: "browser",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/e2e/**/*.e2e.ts"],
      setupFiles: ["<rootDir>/test/setup/fastCheck.ts"],
      transform,
    },
  ],
};
