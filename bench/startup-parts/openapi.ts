// The OpenAPI document with the response schemas (the Worker builds it on first request instead).
import { openApiDocument } from "../../src/worker/openapi.js";

const doc = openApiDocument();
export default { fetch: () => new Response(String(Object.keys(doc.paths).length)) };
