/** Request and response schemas of the API; zod validates requests with them. */
import { z } from "zod";
import { MAX_TEXT_LENGTH } from "./limits.js";

const text = z.string().max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`);

export const predictRequestSchema = z.strictObject({
  text1: text.describe("The first version of the document."),
  text2: text.describe("The second version of the document."),
});

export type PredictRequest = z.infer<typeof predictRequestSchema>;
