/**
 * The project's Zod: Zod Mini, the tree-shakable build, whose schemas cost a fraction of the full
 * build's at start-up (measured in BENCHMARKS.md), with the English messages the full build uses.
 */
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

config(en());

export * from "zod/mini";
