// The request schemas of src/worker/schemas.ts, Zod included.
import * as schemas from "../../src/worker/schemas.js";

export default { fetch: () => new Response(String(Object.keys(schemas).length)) };
