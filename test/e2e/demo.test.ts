/**
 * End to end: the Worker started locally by wrangler (local workerd, no network), the demo page
 * and the docs page driven in headless Chromium through playwright-core. The browser comes from
 * the npm package @sparticuz/chromium (Linux x64), or from CHROMIUM_PATH when that is set.
 * Screenshots go to test-output/ (git-ignored).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import packagedChromium, { inflate } from "@sparticuz/chromium";
import { chromium, type BrowserContext, type LaunchOptions, type Page } from "playwright-core";
import { unstable_startWorker } from "wrangler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TEXT_LENGTH } from "../../src/worker/limits.js";
import { operations } from "../../src/worker/openapi.js";

const OUTPUT = "test-output";
// Every wait in the browser is explicit and generous, for a slow or busy machine; polls check often.
const WAIT = 15_000;
const POLL = { timeout: WAIT, interval: 100 };
const VISIBLE = { state: "visible", timeout: WAIT } as const;
// On a machine without network nothing may try to phone home. Playwright passes most of these
// too (and --headless, and --no-sandbox, which root needs); they are listed so that the test does
// not rest on its defaults.
const OFFLINE_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
// @sparticuz/chromium's flags are tuned for AWS Lambda. Left out: those that make the page run
// unlike in a real browser (no same-origin policy, a single process), and its feature lists,
// which would replace Playwright's (Chromium honours only the last --disable-features), turning
// back on features that call Google.
const LAMBDA_ONLY = /^--(disable-web-security|allow-running-insecure-content|single-process|disable-features|enable-features)(=|$)/;

/** CHROMIUM_PATH's browser, or the npm package's, unpacked into the temporary directory on first use. */
async function browser(): Promise<LaunchOptions> {
  const own = process.env.CHROMIUM_PATH;
  if (own) return { executablePath: own, args: OFFLINE_ARGS };
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error("@sparticuz/chromium ships Chromium for Linux x64 only: set CHROMIUM_PATH to a Chromium or Chrome");
  }
  // The package also carries NSS and expat (built for Amazon Linux 2023) and a font: pointing the
  // browser at them means no system package is needed.
  const bin = join(dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium")), "..", "bin");
  const [executablePath, libraries] = await Promise.all([packagedChromium.executablePath(), inflate(join(bin, "al2023.tar.br"))]);
  return {
    executablePath,
    args: [...packagedChromium.args.filter((arg) => !LAMBDA_ONLY.test(arg)), ...OFFLINE_ARGS],
    env: { ...process.env, LD_LIBRARY_PATH: join(libraries, "lib"), FONTCONFIG_PATH: join(tmpdir(), "fonts") },
  };
}

const REAL = "The telescope observed the nebula for six nights in March. Astronomers measured its redshift with a spectrograph, and the survey team published the photometric results.";
const EDITED = "teh telescop observd the nebulla for 6 nites in march!!! ASTRONOMERS measurd its redshift w/ a spectrograph ;) & the survey team publishd the results...";

let worker: Awaited<ReturnType<typeof unstable_startWorker>> | undefined;
let context: BrowserContext | undefined;
let profile: string | undefined;
let base: string;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  process.env.WRANGLER_SEND_METRICS = "false";
  const launch = await browser();
  worker = await unstable_startWorker({
    config: "wrangler.toml",
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, watch: false, remote: false, persist: false, logLevel: "warn" },
  });
  base = (await worker.url).toString();
  profile = mkdtempSync(join(tmpdir(), "impostor-e2e-"));
  context = await chromium.launchPersistentContext(profile, { ...launch, headless: true, timeout: 60_000 });
  context.setDefaultTimeout(WAIT);
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
    await page.locator("#result").waitFor(VISIBLE);

    const api = await fetch(new URL("/predict?explain=true", base), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text1: REAL, text2: EDITED }),
    });
    const expected = (await api.json()) as { real_text_id: number; probability_text1_real: number; explanation: { features: { description: string }[] } };

    await expect.poll(() => page.locator("#verdict").textContent(), POLL).toContain(`Text ${expected.real_text_id} is judged real`);
    const width = await page.locator("#bar1").evaluate((el) => el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width);
    expect(width).toBeCloseTo(expected.probability_text1_real, 2);
    const reasons = await page.locator("#reasons tr td:first-child").allTextContents();
    expect(reasons).toEqual(expected.explanation.features.map((f) => f.description));
    await expect.poll(() => page.locator("#error").isHidden(), POLL).toBe(true);
    expect(requests.every((url) => url.startsWith(base))).toBe(true);
    await page.screenshot({ path: join(OUTPUT, "demo-result.png"), fullPage: true });
    await page.close();
  });

  it("refuses an empty text itself, visibly, without calling the API", async () => {
    const { page, requests } = await open("/");
    await page.getByLabel("Text 1").fill(REAL);
    await judge(page);
    const error = page.getByRole("alert");
    await error.waitFor(VISIBLE);
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
    await error.waitFor(VISIBLE);
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
    await expect.poll(() => page.locator("details.op").count(), POLL).toBe(operations.length);
    const predict = page.locator("#postPredict");
    await predict.locator("summary").first().click();
    await predict.getByRole("button", { name: "Send POST /predict" }).click();
    await expect.poll(() => predict.locator(".status").textContent(), POLL).toMatch(/^200/);
    expect(await predict.locator("pre.response").textContent()).toContain("real_text_id");
    expect(requests.every((url) => url.startsWith(base))).toBe(true);
    await page.screenshot({ path: join(OUTPUT, "docs.png"), fullPage: true });
    await page.close();
  });
});
