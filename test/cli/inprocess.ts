/** Runs the CLI in-process (the same `runCli` the bin calls) with captured streams: fast enough for many cases. */
import { Readable } from "node:stream";
import { runCli } from "../../src/cli/run.js";

/** The outcome of one run. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `tty` makes stderr look like a terminal; `stdin` is the text piped in. */
export async function runInProcess(args: readonly string[], options: { tty?: boolean; stdin?: string } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    args,
    {
      stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
      stdout: { write: (chunk: string) => ((stdout += chunk), true) },
      stderr: Object.assign({ write: (chunk: string) => ((stderr += chunk), true) }, options.tty === true ? { isTTY: true, columns: 100 } : {}),
    },
    "9.9.9",
  );
  return { code, stdout, stderr };
}
