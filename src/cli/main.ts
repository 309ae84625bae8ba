/**
 * The `buyermatch` command. Everything but process wiring lives in `run.ts`.
 */
import { version } from "../../package.json";
import { runCli } from "./run.js";

// `buyermatch match … | head` closes the pipe early: that ends the output, quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

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
