import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

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
    files: ["app/models/**", "app/services/**", "app/utils/**", "db/**", "tests/**", "app/entry.server.tsx"],
    rules: { "no-restricted-imports": "off" },
  },
);
