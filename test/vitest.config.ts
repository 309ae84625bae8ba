import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Kept under test/ so the top level stays src, test, bench, examples and the three configs.
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    benchmark: { include: ["bench/**/*.bench.ts"] },
  },
});
