/**
 * The `buyermatch` command. Everything but process wiring lives in `run.ts`.
 */
import { version } from "../../package.json";
import { runCli } from "./run.js";

runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, version).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Not bad input and not a usage mistake: a bug, reported as one.
    process.stderr.write(`buyermatch: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);
