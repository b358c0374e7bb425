import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@db/generated": path.resolve("lib/generated/prisma/client.ts"),
      "@": path.resolve("."),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each integration file creates its own database; two cores, so two at a time.
    maxWorkers: 2,
  },
});
