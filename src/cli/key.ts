/**
 * npm run key -- NAME
 * Prints a new random API key for the client NAME, and the line to add to the API_KEYS secret,
 * `NAME:sha256hex-of-the-key`: the key itself is stored nowhere (docs/operations.md).
 */
import { createHash, randomBytes } from "node:crypto";
import { CLIENT_NAME } from "../worker/api-keys.js";

const [name, ...rest] = process.argv.slice(2);
if (!name || rest.length > 0 || !CLIENT_NAME.test(name)) {
  console.error("usage: npm run key -- NAME   (NAME: 1 to 64 of A-Z a-z 0-9 _ . -, starting with a letter or digit)");
  process.exit(2);
}
// 256 random bits in base64url: token68 characters, as a Bearer token must be.
const key = randomBytes(32).toString("base64url");
console.log(`key:  ${key}`);
console.log(`line: ${name}:${createHash("sha256").update(key).digest("hex")}`);
console.error(`Give the key to ${name}: it is shown only this once. Add the line to API_KEYS (docs/operations.md).`);
