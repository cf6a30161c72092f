/**
 * npm run check:weights: building the Worker's bundle runs it (wrangler.toml's [build]), in place
 * of the schema check the Worker no longer makes at start-up.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { scratchFolder } from "./tools.js";

const check = (...args: string[]) => spawnSync("npm", ["run", "--silent", "check:weights", "--", ...args], { encoding: "utf8" });

describe("npm run check:weights", () => {
  it("is the command that every build of the bundle runs first, and passes the committed weights", () => {
    const { build } = unstable_readConfig({ config: "wrangler.toml" }, { hideWarnings: true });
    expect(build.command).toBe("npm run --silent check:weights");
    expect(build.watch_dir).toContain("weights"); // wrangler dev checks a retrained model again
    const { status, stderr } = spawnSync(build.command, { shell: true, encoding: "utf8" });
    expect(status, stderr).toBe(0);
    expect(stderr).toMatch(/^weights\/model\.json: valid weights of impostor-hunt-pairwise /);
  });

  it("prints its usage with --help, and refuses an unknown flag", () => {
    expect(check("--help").stdout).toBe("usage: npm run check:weights [-- --weights FILE]\n");
    expect(check("--file", "x").status).toBe(2);
  });

  it.each([
    ["a scale of 0, which only the schema refuses", (file: { features: { scale: number }[] }) => void (file.features[3]!.scale = 0), /must be > 0/],
    ["a renamed feature", (file: { features: { name: string }[] }) => void (file.features[0]!.name = "renamed"), /do not match/],
  ])("fails on a file with %s, naming the file and the problem", (_, breakIt, message) => {
    const file = JSON.parse(readFileSync("weights/model.json", "utf8"));
    breakIt(file);
    const path = join(scratchFolder(), "model.json");
    writeFileSync(path, JSON.stringify(file));
    const { status, stderr } = check("--weights", path);
    expect(status).toBe(1);
    expect(stderr).toContain(`error: ${path}: not a valid weights file`);
    expect(stderr).toMatch(message);
  });
});
