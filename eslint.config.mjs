// ESLint for the front-end code the handbook serves (plain browser scripts, no bundler) and its Node tests.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["plugins/process_manual/build/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      // Browser scripts; the swimlane engine also exports its pure parts to Node (`module`) for the tests.
      globals: { ...globals.browser, module: "readonly" },
    },
  },
  {
    files: ["tests/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
  },
];
