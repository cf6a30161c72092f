/**
 * End to end: the Worker started locally by wrangler (local workerd, no network), the demo page
 * and the docs page driven in Debian's headless Chromium through playwright-core. Screenshots go
 * to test-output/ (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { unstable_startWorker } from "wrangler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TEXT_LENGTH } from "../../src/worker/limits.js";
import { operations } from "../../src/worker/openapi.js";

const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = "test-output";
// As root on a machine without network: no sandbox, no GPU, no background connections.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const REAL = "The telescope observed the nebula for six nights in March. Astronomers measured its redshift with a spectrograph, and the survey team published the photometric results.";
const EDITED = "teh telescop observd the nebulla for 6 nites in march!!! ASTRONOMERS measurd its redshift w/ a spectrograph ;) & the survey team publishd the results...";

let worker: Awaited<ReturnType<typeof unstable_startWorker>> | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the e2e tests need Debian's Chromium at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\``);
  }
  mkdirSync(OUTPUT, { recursive: true });
  process.env.WRANGLER_SEND_METRICS = "false";
  worker = await unstable_startWorker({
    config: "wrangler.toml",
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, watch: false, remote: false, persist: false, logLevel: "warn" },
  });
  base = (await worker.url).toString();
  profile = mkdtempSync(join(tmpdir(), "impostor-e2e-"));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, timeout: 60_000 });
  context.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await context?.close();
  await worker?.dispose();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A fresh page that records every URL it requests, to check nothing leaves the Worker. */
async function open(path: string): Promise<{ page: Page; requests: string[] }> {
  const page = await context!.newPage();
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(new URL(path, base).toString());
  return { page, requests };
}

const judge = (page: Page) => page.getByRole("button", { name: "Judge" }).click();

describe("demo page in headless Chromium", () => {
  it("shows which text is judged real, the probability bar and the top reasons", async () => {
    const { page, requests } = await open("/");
    await page.getByLabel("Text 1").fill(REAL);
    await page.getByLabel("Text 2").fill(EDITED);
    await judge(page);
    await page.locator("#result").waitFor({ state: "visible" });

    const api = await fetch(new URL("/predict?explain=true", base), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text1: REAL, text2: EDITED }),
    });
    const expected = (await api.json()) as { real_text_id: number; probability_text1_real: number; explanation: { features: { description: string }[] } };

    await expect.poll(() => page.locator("#verdict").textContent()).toContain(`Text ${expected.real_text_id} is judged real`);
    const width = await page.locator("#bar1").evaluate((el) => el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width);
    expect(width).toBeCloseTo(expected.probability_text1_real, 2);
    const reasons = await page.locator("#reasons tr td:first-child").allTextContents();
    expect(reasons).toEqual(expected.explanation.features.map((f) => f.description));
    await expect.poll(() => page.locator("#error").isHidden()).toBe(true);
    expect(requests.every((url) => url.startsWith(base))).toBe(true);
    await page.screenshot({ path: join(OUTPUT, "demo-result.png"), fullPage: true });
    await page.close();
  });

  it("refuses an empty text itself, visibly, without calling the API", async () => {
    const { page, requests } = await open("/");
    await page.getByLabel("Text 1").fill(REAL);
    await judge(page);
    const error = page.getByRole("alert");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toContain("Text 2: it is empty");
    expect(requests.some((url) => url.includes("/predict"))).toBe(false);
    expect(await page.locator("#result").isHidden()).toBe(true);
    await page.close();
  });

  it("shows the API's 413 message for a text that is too long", async () => {
    const { page } = await open("/");
    await page.getByLabel("Text 1").fill("a".repeat(MAX_TEXT_LENGTH + 1));
    await page.getByLabel("Text 2").fill(EDITED);
    await judge(page);
    const error = page.getByRole("alert");
    await error.waitFor({ state: "visible" });
    const message = await error.textContent();
    expect(message).toContain("413");
    expect(message).toContain(`text1 is longer than ${MAX_TEXT_LENGTH} characters`);
    await page.screenshot({ path: join(OUTPUT, "demo-error.png"), fullPage: true });
    await page.close();
  });
});

describe("docs page in headless Chromium", () => {
  it("renders every operation from /openapi.json and sends a try-it request", async () => {
    const { page, requests } = await open("/docs");
    await expect.poll(() => page.locator("details.op").count()).toBe(operations.length);
    const predict = page.locator("#postPredict");
    await predict.locator("summary").first().click();
    await predict.getByRole("button", { name: "Send POST /predict" }).click();
    await expect.poll(() => predict.locator(".status").textContent()).toMatch(/^200/);
    expect(await predict.locator("pre.response").textContent()).toContain("real_text_id");
    expect(requests.every((url) => url.startsWith(base))).toBe(true);
    await page.screenshot({ path: join(OUTPUT, "docs.png"), fullPage: true });
    await page.close();
  });
});
