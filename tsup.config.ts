import { defineConfig } from "tsup";

/**
 * One bundle per public entry. The core (`index`) must stay free of Node built-ins and mathjs;
 * `test/core-bundle.test.ts` reads the built files to prove it.
 */
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      plan: "src/plan/index.ts",
      decide: "src/decide/index.ts",
      evaluate: "src/evaluate/index.ts",
      io: "src/io/index.ts",
      node: "src/node/index.ts",
      "node-worker": "src/node/worker.ts",
      "node-pool-worker": "src/node/poolWorker.ts",
    },
    format: ["esm", "cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    sourcemap: true,
    clean: true,
    target: "es2022",
    splitting: true,
    treeshake: true,
  },
  // The `buyermatch` bin: a separate build so that only it gets the shebang (`clean: false`: the
  // build above cleans dist/ when it starts, seconds before this one writes). Splitting keeps
  // mathjs in a chunk that only `buyermatch shortlist` loads.
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    banner: { js: "#!/usr/bin/env node" },
    sourcemap: true,
    clean: false,
    target: "es2022",
    splitting: true,
    treeshake: true,
  },
]);
