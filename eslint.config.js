// The site's own scripts (site_builder/render/static/): plain browser JavaScript, no build step.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
  {
    files: ["site_builder/render/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {
        ...globals.browser,
        L: "readonly",  // Leaflet, self-hosted; the site's own globals are declared per file
      },
    },
    rules: {
      "no-unused-vars": ["error", { args: "none" }],
      eqeqeq: "error",
      "no-implicit-globals": "off",
      strict: ["error", "function"],
    },
  },
];
