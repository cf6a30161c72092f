/** The demo page, the interactive docs and the OpenAPI document they read. */
import { Hono, type Context } from "hono";
import { methodNotAllowed } from "../middleware.js";
import { demoPage } from "../pages/demo.js";
import { docsPage } from "../pages/docs.js";

/** The pages may only run their inline code and talk to this Worker: nothing else can load. */
const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const page = (c: Context, html: string) => {
  c.header("Content-Security-Policy", CSP);
  return c.html(html);
};

/**
 * The OpenAPI module, imported on the first request that needs it rather than at start-up: it
 * builds every response schema, which no prediction needs.
 */
export const loadOpenApi = () => import("../openapi.js");

let document: Promise<unknown> | undefined;

export const pageRoutes = new Hono()
  .get("/", (c) => page(c, demoPage))
  .get("/docs", (c) => page(c, docsPage))
  .get("/openapi.json", async (c) => c.json(await (document ??= loadOpenApi().then((openApi) => openApi.openApiDocument()))))
  .all("/", methodNotAllowed("GET, HEAD"))
  .all("/docs", methodNotAllowed("GET, HEAD"))
  .all("/openapi.json", methodNotAllowed("GET, HEAD"));
