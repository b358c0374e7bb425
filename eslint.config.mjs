import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const NO_PRISMA = { group: ["@prisma/*", "**/generated/prisma/**"], message: "Use a lib/ function; no Prisma in app/ or components/." };
// Shared components and lib/ know nothing of routes: a component that calls a route's server
// actions lives in that route's folder (issue 12).
const NO_ROUTES = { group: ["@/app/*", "**/app/*"], message: "Move a component that uses a route's actions into that route's folder." };

const config = [
  ...next,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  // Routes stay thin: Prisma is reached only through lib/ (STYLE.md habit 1). A later
  // no-restricted-imports replaces an earlier one for the same file, so each set is whole.
  { files: ["app/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", { patterns: [NO_PRISMA] }] } },
  { files: ["components/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", { patterns: [NO_PRISMA, NO_ROUTES] }] } },
  { files: ["lib/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", { patterns: [NO_ROUTES] }] } },
];

export default config;
