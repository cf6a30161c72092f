/** Small middleware shared by the routes. */
import type { MiddlewareHandler } from "hono";
import { errorResponse } from "./errors.js";

/** Answers 405 with an Allow header for the methods a path does not serve. */
export const methodNotAllowed = (allow: string): MiddlewareHandler => async (c) => {
  c.header("Allow", allow);
  return errorResponse(c, 405, "method_not_allowed", `${c.req.method} is not allowed here; use ${allow}`);
};
