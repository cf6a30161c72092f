import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE } from "./request.js";

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
    const csp = (await SELF.fetch(BASE + path)).headers.get("Content-Security-Policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
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

it("the demo page asks for explanations and refuses empty input itself", async () => {
  const html = await (await SELF.fetch(`${BASE}/`)).text();
  expect(html).toContain("predict?explain=true");
  expect(html).toContain("it is empty");
});
