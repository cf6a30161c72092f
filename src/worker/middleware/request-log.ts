/**
 * One structured JSON line per request for Workers Logs: id, method, route, status, latency, the
 * client's name and the lengths of the texts, never the texts themselves.
 */
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../env.js";

export interface RequestLogLine {
  level: "info";
  message: "request";
  id: string;
  method: string;
  route: string;
  status: number;
  latency_ms: number;
  /** The API key's name ("token" for API_TOKEN); absent when the API is open or the caller was refused. */
  client?: string;
  text_lengths?: number[];
  error_code?: string;
}

/** Handlers call this with the texts they received; only the lengths are kept. */
export function noteTexts(c: Context<AppEnv>, texts: readonly string[]): void {
  c.set("textLengths", [...(c.get("textLengths") ?? []), ...texts.map((t) => t.length)]);
}

export const requestLog = (): MiddlewareHandler<AppEnv> => async function requestLog(c, next) {
  const start = performance.now();
  await next();
  const line: RequestLogLine = {
    level: "info",
    message: "request",
    id: c.get("requestId"),
    method: c.req.method,
    route: routePath(c, -1) || "*", // the route pattern, so that paths cannot smuggle data into logs
    status: c.res.status,
    latency_ms: Math.round((performance.now() - start) * 1000) / 1000,
  };
  const client = c.get("client");
  if (client) line.client = client;
  const lengths = c.get("textLengths");
  if (lengths) line.text_lengths = lengths;
  const code = c.get("errorCode");
  if (code) line.error_code = code;
  console.log(JSON.stringify(line));
};
