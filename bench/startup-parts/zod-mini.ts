// Zod as the Worker gets it (src/zod.ts: Zod Mini with the English messages), one schema.
import * as z from "../../src/zod.js";

const schema = z.object({ a: z.string() });
export default { fetch: () => new Response(String(schema.safeParse({ a: "x" }).success)) };
