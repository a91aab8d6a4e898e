import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Code under lib/server touches the database, the queue or the LLM. Components
// (which may run in the browser) may import its types, never its values.
const serverOnlyImports = {
  patterns: [
    {
      group: ["@/lib/server/*", "@/lib/server/**", "**/lib/server/**"],
      allowTypeImports: true,
      message: "Components must not import server code; load data in a page and pass it down, or call a server action.",
    },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["components/**/*.{ts,tsx}", "lib/stores/**/*.ts", "lib/validation/**/*.ts", "lib/auth/**/*.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", serverOnlyImports] },
  },
  {
    // Browser tests take `test` from e2e/support/test, which fails a spec on any
    // Content-Security-Policy violation the page reports.
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test"],
              message: 'Import test from "./support/test" (it fails the spec on CSP violations).',
            },
          ],
        },
      ],
    },
  },
];

export default config;
