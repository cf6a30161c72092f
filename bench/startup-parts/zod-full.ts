// The full Zod build, one schema: what Zod Mini saves.
import { z } from "zod";

const schema = z.object({ a: z.string() });
export default { fetch: () => new Response(String(schema.safeParse({ a: "x" }).success)) };
