/**
 * What `buyermatch` loads before it runs a command is paid by every command. The calendars
 * (ical-generator, @date-fns/tz), the `schedule` command and the progress bar (cli-progress) are
 * loaded on first use, so `match`, `plan` and `report` start without them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, ensureBuilt } from "./build.js";
import { importGraph } from "../support/importGraph.js";

beforeAll(ensureBuilt);

describe("the buyermatch bin at start-up", () => {
  it("loads neither the calendar packages nor the progress bar until a command needs them", () => {
    const { packages } = importGraph(CLI, false);
    expect(packages).toContain("zod");
    for (const name of ["ical-generator", "@date-fns/tz", "cli-progress", "mathjs", "exceljs"]) expect(packages.filter((specifier) => specifier === name || specifier.startsWith(`${name}/`))).toEqual([]);
  });
});
