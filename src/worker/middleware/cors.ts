/** CORS with the allowed origins taken from the ALLOWED_ORIGINS variable (comma list, default "*"). */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../env.js";

let parsed: { allowed: string | undefined; origins: string[] } | undefined; // split once per isolate and value

export function allowedOrigin(allowed: string | undefined, origin: string): string | null {
  if (parsed === undefined || parsed.allowed !== allowed) {
    parsed = { allowed, origins: (allowed ?? "*").split(",").map((o) => o.trim()).filter(Boolean) };
  }
  const { origins } = parsed;
  if (origins.length === 0 || origins.includes("*")) return "*";
  return origins.includes(origin) ? origin : null;
}

const EXPOSE_HEADERS = ["X-Request-Id", "Retry-After"];

/**
 * Hono's cors answers preflights. Other requests get the headers it would add, set with c.header()
 * before the handler runs: Hono's cors writes them on c.res instead, and once c.res exists Hono
 * copies the handler's response into a new one (and again for the Vary it appends afterwards).
 */
export const configurableCors = (): MiddlewareHandler<AppEnv> => {
  const preflight = cors({
    origin: (origin, c) => allowedOrigin(c.env.ALLOWED_ORIGINS, origin),
    allowHeaders: ["Content-Type", "Authorization", "X-Request-Id"],
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: 86400,
  });
  const expose = EXPOSE_HEADERS.join(",");
  return async function configurableCors(c, next) {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    const origin = allowedOrigin(c.env.ALLOWED_ORIGINS, c.req.header("Origin") ?? "");
    if (origin) c.header("Access-Control-Allow-Origin", origin);
    c.header("Access-Control-Expose-Headers", expose);
    c.header("Vary", "Origin", { append: true });
    await next();
  };
};
