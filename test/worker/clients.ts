/** Named API keys for the tests: a new random key per client, and its line for API_KEYS. */
import { sha256 } from "hono/utils/crypto";

export interface TestClient {
  name: string;
  key: string;
  /** `name:sha256hex`, as the API_KEYS secret lists it. */
  line: string;
  headers: { Authorization: string };
}

export async function newClient(name: string): Promise<TestClient> {
  const key = crypto.randomUUID();
  return { name, key, line: `${name}:${await sha256(key)}`, headers: { Authorization: `Bearer ${key}` } };
}

/** The API_KEYS secret that lists these clients. */
export const apiKeys = (...clients: TestClient[]) => ({ API_KEYS: clients.map((c) => c.line).join("\n") });
