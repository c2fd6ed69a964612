// @ts-check
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Layers of src/ (see shared conventions, "Frontend layout"):
 *   app        composes everything; the only place where features meet
 *   feature    src/features/<name>: may use its own files and shared code, never another feature
 *   components shared UI (KERN UX based), layout; uses lib and api (errors)
 *   api        the HTTP client and its errors; uses lib only
 *   lib        formatting, i18n; uses locales
 *   locales    translation resources
 *   testing    test helpers; may use anything
 * src/main.tsx is the entry point and belongs to no layer.
 */
const sharedLayers = ["components", "api", "lib", "locales"];

export default defineConfig([
  globalIgnores(["dist", "coverage", "node_modules", "src/api/schema.gen.ts"]),
  {
    files: ["**/*.{ts,tsx}"],
    extends: [
      js.configs.recommended,
      tseslint.configs.strictTypeChecked,
      tseslint.configs.stylisticTypeChecked,
      reactHooks.configs.flat.recommended,
      reactRefresh.configs.vite,
    ],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.app.json" } },
      "boundaries/legacy-templates": false,
      "boundaries/elements": [
        { type: "app", pattern: "src/app" },
        { type: "feature", pattern: "src/features/*", capture: ["feature"] },
        { type: "components", pattern: "src/components" },
        { type: "api", pattern: "src/api" },
        { type: "lib", pattern: "src/lib" },
        { type: "locales", pattern: "src/locales" },
        { type: "testing", pattern: "src/testing" },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          message:
            "'{{ from.element.types }}' must not import '{{ to.element.types }}' (see conventions: app composes features, features do not import each other).",
          policies: [
            { from: { element: { type: "testing" } }, allow: { to: { element: { type: "*" } } } },
            {
              from: { element: { type: "app" } },
              allow: { to: { element: { types: { anyOf: ["app", "feature", ...sharedLayers] } } } },
            },
            {
              from: { element: { type: "feature" } },
              allow: {
                to: [
                  { element: { type: "feature", captured: { feature: "{{ from.element.captured.feature }}" } } },
                  { element: { types: { anyOf: sharedLayers } } },
                ],
              },
            },
            {
              from: { element: { type: "components" } },
              allow: { to: { element: { types: { anyOf: ["components", "api", "lib", "locales"] } } } },
            },
            { from: { element: { type: "api" } }, allow: { to: { element: { types: { anyOf: ["api", "lib"] } } } } },
            { from: { element: { type: "lib" } }, allow: { to: { element: { types: { anyOf: ["lib", "locales"] } } } } },
            // Tests may pull in test helpers.
            { from: { file: { path: "**/*.test.{ts,tsx}" } }, allow: { to: { element: { type: "testing" } } } },
          ],
        },
      ],
    },
  },
  {
    files: ["src/**/*.test.{ts,tsx}", "src/testing/**"],
    rules: {
      "react-refresh/only-export-components": "off",
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["vite.config.ts"],
    languageOptions: { globals: globals.node },
  },
]);
