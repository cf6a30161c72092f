/** CORS with the allowed origins taken from the ALLOWED_ORIGINS variable (comma list, default "*"). */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./env.js";

export function allowedOrigin(allowed: string | undefined, origin: string): string | null {
  const origins = (allowed ?? "*").split(",").map((o) => o.trim()).filter(Boolean);
  if (origins.length === 0 || origins.includes("*")) return "*";
  return origins.includes(origin) ? origin : null;
}

export const configurableCors = (): MiddlewareHandler<AppEnv> =>
  cors({
    origin: (origin, c) => allowedOrigin(c.env.ALLOWED_ORIGINS, origin),
    allowHeaders: ["Content-Type", "Authorization", "X-Request-Id"],
    exposeHeaders: ["X-Request-Id", "Retry-After"],
    maxAge: 86400,
  });
