/** GET / and GET /docs: the demo page and the interactive docs, with one secure-headers setup. */
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { demoPage } from "../html/demo.js";
import { docsPage } from "../html/docs.js";

/**
 * Hono's secure headers, with a Content-Security-Policy under which the pages may only run their
 * inline code and talk to this Worker: nothing else can load. Mounted on the pages' paths, so
 * their error answers (a 405) carry the headers too; the JSON API is left alone.
 */
const secure = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'unsafe-inline'"],
    styleSrc: ["'unsafe-inline'"],
    connectSrc: ["'self'"],
    imgSrc: ["data:"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

export const pageRoutes = new Hono()
  .use("/", secure)
  .use("/docs", secure)
  .get("/", (c) => c.html(demoPage))
  .get("/docs", (c) => c.html(docsPage));
