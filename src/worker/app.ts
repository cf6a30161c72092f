/**
 * The Hono app: the middleware stack, the routes, and the JSON answers for what no route serves
 * (404, 405) and for failures (500).
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { AppEnv } from "./env.js";
import { ERRORS, ERROR_CODES, errorResponse } from "./errors.js";
import { middleware } from "./middleware/index.js";
import { infoRoutes } from "./routes/info.js";
import { pageRoutes } from "./routes/pages.js";
import { predictRoutes } from "./routes/predict.js";

const base = new Hono<AppEnv>();

export const app = base
  .use(...middleware())
  // A path served with other methods answers 405 with an Allow header instead of the 404.
  .use(
    methodNotAllowed({
      app: base,
      onMethodNotAllowed: (c, methods) => {
        const allow = methods.join(", ");
        c.header("Allow", allow);
        return errorResponse(c, "method_not_allowed", `${c.req.method} is not allowed here; use ${allow}`);
      },
    }),
  )
  .route("/", predictRoutes)
  .route("/", infoRoutes)
  .route("/", pageRoutes);

app.notFound((c) => errorResponse(c, "not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));

app.onError((error, c) => {
  if (error instanceof HTTPException) {
    if (error.res) return error.getResponse(); // e.g. bearer-auth's 401 and its WWW-Authenticate
    const code = ERROR_CODES.find((code) => ERRORS[code].status === error.status) ?? "internal_error";
    return errorResponse(c, code, error.message);
  }
  console.error(JSON.stringify({ level: "error", message: error.message, id: c.get("requestId") }));
  return errorResponse(c, "internal_error", "internal error");
});

export type AppType = typeof app;
