// Office's own lint preset (office-addin-lint looks for this file), made strict:
// every rule that would only warn is an error, so `npm run lint` means zero warnings.
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const strict = (config) =>
  config.rules
    ? {
        ...config,
        rules: Object.fromEntries(
          Object.entries(config.rules).map(([name, setting]) => {
            const level = Array.isArray(setting) ? setting[0] : setting;
            const asError = level === "warn" || level === 1 ? "error" : setting;
            return [name, Array.isArray(setting) && asError === "error" ? ["error", ...setting.slice(1)] : asError];
          })
        ),
      }
    : config;

export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-artifacts/**"] },
  ...officeAddins.configs.react.map(strict),
  ...tseslint.configs.recommended.map(strict),
  {
    // The two classic hooks rules: hooks called unconditionally, and effects that list what they read.
    // (The plugin's React Compiler rules are left out: the panes are not written for the compiler.)
    files: ["**/*.tsx", "src/taskpane/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    settings: { react: { version: "18.3" } },
    languageOptions: { parser: tseslint.parser },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // TypeScript's compiler already resolves every identifier.
      "no-undef": "off",
      // The automatic JSX runtime (tsconfig "jsx": "react-jsx") needs no React in scope; TypeScript checks props.
      "react/react-in-jsx-scope": "off",
      "react/jsx-uses-react": "off",
      "react/prop-types": "off",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      // typescript-eslint 8.8 (pinned by office-addin-lint) needs this rule's options spelled out on ESLint 9.3x.
      "@typescript-eslint/no-unused-expressions": [
        "error",
        { allowShortCircuit: false, allowTernary: false, allowTaggedTemplates: false, enforceForJSX: false },
      ],
    },
  },
];
