import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_TEXT_LENGTH } from "../../src/worker/limits.js";
import { BASE } from "./request.js";

// The policy the pages are written for: only their own inline code, talking to this Worker.
const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

describe.each(["/", "/docs"])("GET %s", (path) => {
  it("serves a self-contained HTML page", async () => {
    const response = await SELF.fetch(BASE + path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/html");
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>/);
    // Nothing from elsewhere: no absolute URL in any src or href, no external script or stylesheet.
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
  });

  it("forbids the browser to load anything from another origin", async () => {
    expect((await SELF.fetch(BASE + path)).headers.get("Content-Security-Policy")).toBe(CSP);
  });

  it("asks GET /health whether a token is needed and keeps the token in sessionStorage, under the key both pages share", async () => {
    const html = await (await SELF.fetch(BASE + path)).text();
    expect(html).toContain('fetch("health")');
    expect(html).toContain('"impostor-hunt-token"');
    expect(html).toContain("sessionStorage.setItem(TOKEN_KEY");
    expect(html).toContain('"Bearer "');
  });

  it("answers HEAD like GET, without a body", async () => {
    const response = await SELF.fetch(BASE + path, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  it("answers 405 to other methods", async () => {
    const response = await SELF.fetch(BASE + path, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD");
  });
});

describe("the demo page", () => {
  it("asks for the reasons and the segments, and reads the uncertainty threshold from /model_info", async () => {
    const html = await (await SELF.fetch(`${BASE}/`)).text();
    expect(html).toContain('"predict?explain=true,segments"');
    expect(html).toContain('fetch("model_info"');
    expect(html).toContain("uncertainty.confidence_threshold");
  });

  it("refuses empty input itself, counts against the text limit and shows Retry-After and each field's problem", async () => {
    const html = await (await SELF.fetch(`${BASE}/`)).text();
    expect(html).toContain("it is empty");
    expect(html).toContain(`var MAX_TEXT_LENGTH = ${MAX_TEXT_LENGTH};`);
    expect(html).toContain('headers.get("Retry-After")');
    expect(html).toContain("error.details");
  });

  it("has a legend, an example button, the keyboard shortcut, a live status and dark mode", async () => {
    const html = await (await SELF.fetch(`${BASE}/`)).text();
    expect(html).toContain('id="legend"');
    expect(html).toContain(">Load an example</button>");
    expect(html).toContain("Ctrl+Enter");
    expect(html).toContain('role="status"');
    expect(html).toContain("@media (prefers-color-scheme: dark)");
  });
});
