import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { importX } from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

export default tseslint.config(
  { ignores: ["build/", "data/", "node_modules/", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A route never talks to the database directly: route → service → model → db.
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["~/utils/db.server", "**/utils/db.server"], message: "Routes go through app/models." }],
        },
      ],
    },
  },
  {
    files: [
      "app/models/**",
      "app/services/**",
      "app/utils/**",
      "app/jobs/**",
      "db/**",
      "tests/**",
      "app/entry.server.tsx",
    ],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Layers (docs/decisions/004-layers.md): services and jobs are operations on typed input;
    // they never see HTTP. Models, domain and schemas sit below them.
    files: ["app/services/**", "app/jobs/**", "app/models/**", "app/domain/**", "app/schemas/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@remix-run/*"], message: "Only routes and app/http speak HTTP." },
            { group: ["~/http/*", "**/http/*"], message: "app/http is for routes; services take typed input." },
            { group: ["~/routes/*", "**/routes/*"], message: "Nothing imports a route." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...["Request", "Response", "FormData", "Headers"].map((name) => ({
          name,
          message: "Services, models and domain never see HTTP: take typed input, return typed results.",
        })),
      ],
    },
  },
  {
    files: ["app/models/**", "app/domain/**", "app/schemas/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@remix-run/*", "~/http/*", "~/routes/*"], message: "Below the services: no HTTP." },
            {
              group: ["~/services/*", "**/services/*", "~/jobs/*"],
              message: "Imports point down: route → service → model.",
            },
          ],
        },
      ],
    },
  },
  {
    // Zero import cycles in the application (a cycle hidden behind a lazy import is still one).
    files: ["app/**/*.{ts,tsx}", "emails/**/*.ts", "db/**/*.ts", "server/**/*.js"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
);
