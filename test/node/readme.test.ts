/**
 * The README's table of errors and limits against the code: every error code with the status
 * errors.ts gives it, and the limits as limits.ts and wrangler.toml state them.
 */
import { readFileSync } from "node:fs";
import { unstable_readConfig } from "wrangler";
import { describe, expect, it } from "vitest";
import { ERRORS } from "../../src/worker/errors.js";
import * as limits from "../../src/worker/limits.js";

const readme = readFileSync("README.md", "utf8");
const section = readme.slice(readme.indexOf("## Errors and limits"), readme.indexOf("\n## ", readme.indexOf("## Errors and limits") + 1));
const rows = [...section.matchAll(/^\| (\d{3}) \| `([a-z_]+)` \| (.+) \|$/gm)].map(([, status, code, when]) => ({ status: Number(status), code: code!, when: when! }));
const when = (code: string) => rows.find((r) => r.code === code)?.when ?? "";
const number = (n: number) => n.toLocaleString("en");

describe("README: errors and limits", () => {
  it("lists every error code once, with the status errors.ts gives it", () => {
    expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(ERRORS).sort());
    for (const { code, status } of rows) expect(status, code).toBe(ERRORS[code as keyof typeof ERRORS].status);
  });

  it("states the limits that limits.ts enforces", () => {
    expect(when("body_too_large")).toContain(`${limits.MAX_BODY_BYTES / 1024} KiB (${number(limits.MAX_BODY_BYTES)} bytes)`);
    expect(limits.MAX_BATCH_BODY_BYTES).toBe(limits.MAX_BODY_BYTES); // "on either route"
    expect(when("text_too_long")).toContain(`${number(limits.MAX_TEXT_LENGTH)} UTF-16 code units`);
    expect(when("text_too_long")).toContain(`over ${number(limits.MAX_SEGMENTED_TEXT_LENGTH)} with`);
    expect(when("text_too_long")).toContain(`over ${number(limits.MAX_EXPLAINED_BATCH_LENGTH)} (${number(limits.MAX_SEGMENTED_BATCH_LENGTH)} with segments)`);
    expect(when("text_too_long")).toContain(`hold over ${number(limits.MAX_NON_ASCII_LENGTH)} code units outside ASCII`);
    expect(when("too_many_pairs")).toContain(`more than ${limits.MAX_BATCH_PAIRS} pairs, or more than ${limits.MAX_EXPLAINED_BATCH_PAIRS} with`);
    expect(when("json_too_deep")).toContain(`deeper than ${limits.MAX_JSON_DEPTH}`);
    expect(when("too_many_keys")).toContain(`more than ${limits.MAX_JSON_KEYS} keys`);
    expect(when("too_many_values")).toContain(`more than ${number(limits.MAX_JSON_VALUES)} array items and object members`);
    expect(when("invalid_request")).toContain(`longer than ${limits.MAX_ID_LENGTH} characters`);
  });

  it("states the rate limit that wrangler.toml configures", () => {
    const [limiter] = unstable_readConfig({ config: "wrangler.toml" }, { hideWarnings: true }).ratelimits;
    expect(when("rate_limited")).toContain(`over ${limiter!.simple.limit} requests per ${limiter!.simple.period} s`);
  });
});
