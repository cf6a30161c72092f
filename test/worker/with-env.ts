/** Calls the app inside workerd with some bindings changed (a token, origins, another limiter). */
import { env } from "cloudflare:test";
import { app } from "../../src/worker/app.js";
import { BASE } from "./request.js";

export function fetchWith(bindings: Partial<Env>, path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(app.request(`${BASE}${path}`, init, { ...env, ...bindings }));
}
