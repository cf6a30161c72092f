/** Calls the Worker under test (inside workerd) the way a client would. */
import { SELF } from "cloudflare:test";

export const BASE = "https://impostor.test";

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

/** Asserts the JSON error shape and returns it. */
export async function errorOf(response: Response): Promise<ErrorBody["error"]> {
  const body = (await response.json()) as ErrorBody;
  if (typeof body.error?.code !== "string" || typeof body.error?.message !== "string") {
    throw new Error(`not the JSON error shape: ${JSON.stringify(body)}`);
  }
  return body.error;
}
