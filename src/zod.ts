/**
 * The parts of Zod this project uses, re-exported by name so that the bundler can leave out the
 * rest: `import { z } from "zod"` keeps every locale, about 740 KiB and 25 ms of start-up.
 */
export { array, boolean, enum, literal, number, object, record, strictObject, string, union, unknown, toJSONSchema } from "zod";
export type { infer, ZodObject, ZodType } from "zod";
export type * as core from "zod/v4/core";
