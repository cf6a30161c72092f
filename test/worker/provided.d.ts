import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Total fuzz cases (FUZZ_RUNS), 0 for the default. */
    fuzzRuns: number;
  }
}
