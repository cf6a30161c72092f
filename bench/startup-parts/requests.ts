// The request schemas and validators of src/worker/requests.ts, Zod included.
import * as requests from "../../src/worker/requests.js";

export default { fetch: () => new Response(String(Object.keys(requests).length)) };
