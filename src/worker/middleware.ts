/** Small middleware shared by the routes. */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errorResponse } from "./errors.js";

/** POST bodies must be JSON; anything else is 415 before the body is read. */
export const requireJson: MiddlewareHandler = async (c, next) => {
  const mediaType = c.req.header("Content-Type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return errorResponse(c, 415, "unsupported_media_type", "Content-Type must be application/json");
  }
  await next();
};

/** 413 with the limit in the message for a body over `maxSize` bytes. */
export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => errorResponse(c, 413, "body_too_large", `request body exceeds ${maxSize} bytes`),
  });

/** Answers 405 with an Allow header for the methods a path does not serve. */
export const methodNotAllowed = (allow: string): MiddlewareHandler => async (c) => {
  c.header("Allow", allow);
  return errorResponse(c, 405, "method_not_allowed", `${c.req.method} is not allowed here; use ${allow}`);
};
