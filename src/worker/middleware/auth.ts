/**
 * Optional bearer authentication. With the API_KEYS secret (named keys, see api-keys.ts) or the
 * API_TOKEN secret (one shared token) set, every path but the public ones needs
 * `Authorization: Bearer <key>`; with neither the API is open (and /health says so). The request
 * remembers which client it came from, for the log line, the rate limit and the analytics.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { sha256 } from "hono/utils/crypto";
import { parseApiKeys } from "../api-keys.js";
import type { AppEnv } from "../env.js";
import { errorResponse } from "../errors.js";

export type AuthMode = "open" | "token" | "keys" | "token+keys";

/** The client name of whoever presents API_TOKEN. */
const TOKEN_CLIENT = "token";

export function authMode({ API_TOKEN, API_KEYS }: Env): AuthMode {
  const token = Boolean(API_TOKEN);
  const keys = Boolean(API_KEYS?.trim());
  return token && keys ? "token+keys" : token ? "token" : keys ? "keys" : "open";
}

/**
 * Client names by the SHA-256 of their key. A presented token is hashed and looked up: the lookup
 * depends only on the hash, which tells nothing about any stored key.
 */
async function clientsOf({ API_TOKEN, API_KEYS }: Env): Promise<Map<string, string>> {
  const { clients, problems } = parseApiKeys(API_KEYS ?? "");
  // Ignored rather than fatal: the other clients keep working, and a secret is fixed without a deploy.
  if (problems.length) console.warn(JSON.stringify({ level: "warn", message: "API_KEYS: lines ignored", problems }));
  if (API_TOKEN) clients.set((await sha256(API_TOKEN))!, TOKEN_CLIENT);
  return clients;
}

const unauthorized = (message: string) => ({ message: (c: Context) => errorResponse(c, "unauthorized", message) });

export function optionalAuth(): MiddlewareHandler<AppEnv> {
  let cached: { token?: string; keys?: string; clients: Promise<Map<string, string>> } | undefined; // one per isolate and secrets
  const clients = (env: Env) => {
    if (!cached || cached.token !== env.API_TOKEN || cached.keys !== env.API_KEYS) {
      cached = { token: env.API_TOKEN, keys: env.API_KEYS, clients: clientsOf(env) };
    }
    return cached.clients;
  };
  const check = bearerAuth<AppEnv>({
    verifyToken: async (token, c) => {
      const client = (await clients(c.env)).get((await sha256(token))!);
      if (client) c.set("client", client);
      return client !== undefined;
    },
    noAuthenticationHeader: unauthorized("this API needs an Authorization: Bearer <token> header"),
    // A malformed header is 401 too (Hono's default is 400): one answer for every auth failure.
    invalidAuthenticationHeader: unauthorized("the Authorization header must be 'Bearer <token>'"),
    invalidToken: unauthorized("the bearer token is not valid"),
  });
  return async function optionalAuth(c, next) {
    return authMode(c.env) === "open" ? next() : check(c, next);
  };
}
