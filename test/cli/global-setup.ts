/** Builds the tools once before the node project's test files run them (runTool spawns the bundles). */
import { execFileSync } from "node:child_process";

export default function buildTools(): void {
  execFileSync("npm", ["run", "--silent", "build:tools"], { stdio: "inherit" });
}
