/**
 * Optional bearer-token authentication. With the API_TOKEN secret set, every path but the public
 * ones needs `Authorization: Bearer <token>`, compared in constant time by Hono's bearer-auth;
 * without it the API is open (and /health says so).
 */
import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import type { AppEnv } from "../env.js";
import { errorResponse } from "../errors.js";

export type AuthMode = "token" | "open";

export const authMode = (c: Context<AppEnv>): AuthMode => (c.env.API_TOKEN ? "token" : "open");

const unauthorized = (message: string) => ({ message: (c: Context) => errorResponse(c, "unauthorized", message) });

function tokenAuth(token: string): MiddlewareHandler {
  return bearerAuth({
    token,
    noAuthenticationHeader: unauthorized("this API needs an Authorization: Bearer <token> header"),
    // A malformed header is 401 too (Hono's default is 400): one answer for every auth failure.
    invalidAuthenticationHeader: unauthorized("the Authorization header must be 'Bearer <token>'"),
    invalidToken: unauthorized("the bearer token is not valid"),
  });
}

export function optionalAuth(): MiddlewareHandler<AppEnv> {
  let cached: { token: string; check: MiddlewareHandler } | undefined; // one per isolate and token
  return async function optionalAuth(c, next) {
    const token = c.env.API_TOKEN;
    if (!token) return next();
    if (cached?.token !== token) cached = { token, check: tokenAuth(token) };
    return cached.check(c, next);
  };
}
