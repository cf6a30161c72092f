/** What every command-line tool shares: argument parsing and turning failures into exit codes. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { DataError } from "./data.js";

/** Parses `argv` for a tool; unknown flags are errors, and --help (or -h) prints the usage and exits. */
export function parseToolArgs<T extends NonNullable<ParseArgsConfig["options"]>>(options: T, usage: string) {
  if (process.argv.slice(2).some((arg) => arg === "--help" || arg === "-h")) {
    console.log(`usage: ${usage}`);
    process.exit(0);
  }
  try {
    return parseArgs({ args: process.argv.slice(2), options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: ${usage}`);
  }
}

export class UsageError extends Error {}

/** Runs a tool's main function; known failures print one line and exit non-zero. */
export function runTool(main: () => void): void {
  try {
    main();
  } catch (error) {
    if (error instanceof DataError || error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    }
    throw error;
  }
}

/** Parses a numeric flag, or fails with the flag's name. */
export function numberFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got ${JSON.stringify(value)}`);
  return n;
}
