import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Two projects. `unit` (`npm test`) needs nothing but Node and `npm ci`. `system`
 * (`npm run test:system`) drives programs outside npm: Debian's Chromium (the printed report, the
 * browser bundle) and Jupyter (the notebook); its set-up line is in the README and `.ci/run` runs it.
 * A system test is a file named `*.system.test.ts`.
 */
const SYSTEM = "test/**/*.system.test.ts";

// Kept under test/ so the top level stays src, test, bench, examples and the three configs.
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    benchmark: { include: ["bench/**/*.bench.ts"] },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [SYSTEM, "**/node_modules/**"] } },
      { extends: true, test: { name: "system", include: [SYSTEM] } },
    ],
  },
});
