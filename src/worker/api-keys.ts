/**
 * The API_KEYS secret: one line per client, `name:sha256hex-of-its-key`, so the secret never
 * holds a usable key. No imports: `npm run key` shares the name rule.
 */

const NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

/** A client's name: it goes into log lines, rate-limit keys and the analytics index (at most 96 bytes). */
export const CLIENT_NAME = new RegExp(`^${NAME}$`);

const LINE = new RegExp(`^(${NAME}):([0-9a-fA-F]{64})$`);

export interface ApiKeys {
  /** The client's name by the SHA-256 (lowercase hex) of its key. */
  clients: Map<string, string>;
  /** Lines left out, by number and reason; never the line itself, which may be a pasted key. */
  problems: string[];
}

/**
 * Reads the secret. Blank lines and surrounding spaces are ignored; a malformed line or a hash
 * listed twice is left out and reported, so one bad line refuses one client, not every client.
 * A name may own several keys (while a client switches keys), sharing one rate-limit budget.
 */
export function parseApiKeys(secret: string): ApiKeys {
  const clients = new Map<string, string>();
  const problems: string[] = [];
  secret.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const [, name, hex] = LINE.exec(line) ?? [];
    const hash = hex?.toLowerCase();
    if (!name || !hash) problems.push(`line ${i + 1}: not name:sha256hex (a name is 1 to 64 of A-Z a-z 0-9 _ . -, starting with a letter or digit)`);
    else if (clients.has(hash)) problems.push(`line ${i + 1}: the same key is listed already`);
    else clients.set(hash, name);
  });
  return { clients, problems };
}
