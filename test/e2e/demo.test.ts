/**
 * End to end: the Worker started locally by wrangler (local workerd, no network), the demo page
 * and the docs page driven in headless Chromium through playwright-core. The browser comes from
 * the npm package @sparticuz/chromium (Linux x64), or from CHROMIUM_PATH when that is set.
 * A second Worker runs with API_TOKEN set, for the token field. Screenshots go to test-output/
 * (git-ignored).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import packagedChromium, { inflate } from "@sparticuz/chromium";
import { chromium, type BrowserContext, type LaunchOptions, type Page } from "playwright-core";
import { unstable_startWorker } from "wrangler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SEGMENTED_TEXT_LENGTH, MAX_TEXT_LENGTH } from "../../src/worker/limits.js";
import { operations } from "../../src/worker/openapi.js";
import type { Segment } from "../../src/model/segments.js";
import type { ModelInfo, Prediction } from "../../src/worker/responses.js";

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

// A real-looking text, and the same with one off-topic sentence inserted.
const ROVER = "The rover spent its first winter near the rim of an ancient crater. " +
  "Its cameras photographed layered rocks that record changes in the planet's climate. " +
  "A drill collected powdered samples, which an onboard laboratory heated to release trapped gases. " +
  "The results suggest that liquid water persisted at the surface for long periods.";
const OFF_TOPIC = "The football club sold out every home game last season and plans to build a bigger stadium. ";
const ROVER_EDITED = ROVER.replace("A drill", OFF_TOPIC + "A drill");

// Two near-identical texts: the model cannot tell them apart with confidence.
const CLOSE = "The rover spent its first winter near the rim of an ancient crater. Its cameras photographed layered rocks.";
const CLOSE_PAIR = { text1: CLOSE, text2: CLOSE.replace("first", "second") };

const TOKEN = "e2e-token-0123456789";

type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;
let workers: Worker[] = [];
let context: BrowserContext | undefined;
let profile: string | undefined;
let base: string;
let tokenBase: string;

/** The Worker from wrangler.toml, locally, with extra bindings (such as API_TOKEN) if given. */
function startWorker(bindings?: Parameters<typeof unstable_startWorker>[0]["bindings"]): Promise<Worker> {
  return unstable_startWorker({
    config: "wrangler.toml",
    ...(bindings ? { bindings } : {}),
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, watch: false, remote: false, persist: false, logLevel: "warn" },
  });
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  process.env.WRANGLER_SEND_METRICS = "false";
  const launch = await browser();
  workers = await Promise.all([startWorker(), startWorker({ API_TOKEN: { type: "secret_text", value: TOKEN } })]);
  [base, tokenBase] = (await Promise.all(workers.map(async (worker) => (await worker.url).toString()))) as [string, string];
  profile = mkdtempSync(join(tmpdir(), "impostor-e2e-"));
  context = await chromium.launchPersistentContext(profile, { ...launch, headless: true, timeout: 60_000, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(WAIT);
});

afterAll(async () => {
  await context?.close();
  await Promise.all(workers.map((worker) => worker.dispose()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A fresh page (a new tab: its own sessionStorage) that records every URL it requests, to check nothing leaves the Worker. */
async function open(path: string, at = base): Promise<{ page: Page; requests: string[] }> {
  const page = await context!.newPage();
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(new URL(path, at).toString());
  return { page, requests };
}

/** What the API answers for a pair, asked the way the page asks. */
async function predicted(pair: { text1: string; text2: string }): Promise<Prediction> {
  const response = await fetch(new URL("/predict?explain=true,segments", base), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(pair),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Prediction;
}

async function threshold(): Promise<number> {
  return ((await (await fetch(new URL("/model_info", base))).json()) as ModelInfo).uncertainty.confidence_threshold;
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

async function fillAndJudge(page: Page, pair: { text1: string; text2: string }) {
  await page.getByLabel("Text 1").fill(pair.text1);
  await page.getByLabel("Text 2").fill(pair.text2);
  await page.getByRole("button", { name: "Judge" }).click();
}

async function judged(page: Page, pair: { text1: string; text2: string }) {
  await fillAndJudge(page, pair);
  await page.locator("#result").waitFor(VISIBLE);
}

const shownError = async (page: Page) => {
  const error = page.getByRole("alert");
  await error.waitFor(VISIBLE);
  return error;
};

describe("demo page in headless Chromium", () => {
  it("shows which text is judged real, the probability bar, the top reasons and both texts as sent", async () => {
    const { page, requests } = await open("/");
    const pair = { text1: REAL, text2: EDITED };
    await judged(page, pair);
    const expected = await predicted(pair);

    await expect.poll(() => page.locator("#verdict").textContent(), POLL).toContain(`Text ${expected.real_text_id} is judged real`);
    const width = await page.locator("#bar1").evaluate((el) => el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width);
    expect(width).toBeCloseTo(expected.probability_text1_real, 2);
    const reasons = await page.locator("#reasons tr td:first-child").allTextContents();
    expect(reasons).toEqual(expected.explanation!.features.map((f) => f.description));
    // The highlighted segments tile each text: together they are the text as sent.
    expect(await page.locator("#evidence1").textContent()).toBe(REAL);
    expect(await page.locator("#evidence2").textContent()).toBe(EDITED);
    expect(await page.locator("#evidence2 mark").count()).toBe(expected.segments!.text2.length);
    await expect.poll(() => page.locator("#error").isHidden(), POLL).toBe(true);
    expect(requests.every((url) => url.startsWith(base))).toBe(true);
    await page.screenshot({ path: join(OUTPUT, "demo-result.png"), fullPage: true });
    await page.close();
  });

  it("marks exactly the inserted sentence as not shared, leaning edited, with its numbers on keyboard focus", async () => {
    const pair = { text1: ROVER, text2: ROVER_EDITED };
    const expected = await predicted(pair);
    const unshared = (text: string, segments: Segment[]) => segments.filter((s) => !s.shared).map((s) => text.slice(s.start, s.end));
    expect(unshared(ROVER, expected.segments!.text1)).toEqual([]);
    expect(unshared(ROVER_EDITED, expected.segments!.text2)).toEqual([OFF_TOPIC]);

    const { page } = await open("/");
    await judged(page, pair);
    expect(await page.locator("#evidence1 mark.unshared").count()).toBe(0);
    const marked = page.locator("#evidence2 mark.unshared");
    expect(await marked.allTextContents()).toEqual([OFF_TOPIC]);
    expect(await marked.getAttribute("class")).toContain("edited");

    // Tab from the first sentence of text 2 to the inserted one: it takes the focus, visibly, and shows its numbers.
    await page.mouse.move(0, 0); // a pointer left over a sentence would show that one's tooltip
    await page.locator("#evidence2 mark").first().focus();
    const index = expected.segments!.text2.findIndex((s) => !s.shared);
    for (let k = 0; k < index; k++) await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe(OFF_TOPIC);
    expect(await marked.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).outlineStyle)).toBe("solid");
    const tip = page.locator("#tip");
    await tip.waitFor(VISIBLE);
    const note = await tip.textContent();
    expect(note).toContain("Looks more edited than the rest of Text 2");
    expect(note).toContain("Only in Text 2");
    // Screen readers get the same text as the mark's description.
    const describedBy = (await marked.getAttribute("aria-describedby"))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toBe(note);
    await page.keyboard.press("Escape");
    await tip.waitFor({ state: "hidden", timeout: WAIT });
    await page.close();
  });

  it("shows an uncertain verdict as too close to call, with the confidence and the model's threshold", async () => {
    const expected = await predicted(CLOSE_PAIR);
    expect(expected.uncertain).toBe(true);
    expect(expected.tie).toBe(false);
    const { page } = await open("/");
    await judged(page, CLOSE_PAIR);
    await expect.poll(() => page.locator("#verdict").textContent(), POLL).toBe("Too close to call");
    expect(await page.locator("#verdict-box").getAttribute("class")).toContain("uncertain");
    const why = await page.locator("#why").textContent();
    expect(why).toContain(`confidence (${percent(expected.confidence)}) is below its threshold (${percent(await threshold())})`);
    expect(why).toContain(`leans towards Text ${expected.real_text_id}`);
    await page.screenshot({ path: join(OUTPUT, "demo-uncertain.png"), fullPage: true });
    await page.close();
  });

  it("loads the example pair, counts its characters against the limit and judges it on Ctrl+Enter", async () => {
    const { page } = await open("/");
    await page.getByRole("button", { name: "Load an example" }).click();
    const pair = { text1: await page.getByLabel("Text 1").inputValue(), text2: await page.getByLabel("Text 2").inputValue() };
    const limit = MAX_TEXT_LENGTH.toLocaleString("en");
    expect(await page.locator("#count1").textContent()).toBe(`${pair.text1.length.toLocaleString("en")} / ${limit} characters`);
    expect(await page.locator("#count2").textContent()).toBe(`${pair.text2.length.toLocaleString("en")} / ${limit} characters`);
    const expected = await predicted(pair);
    expect(expected.uncertain).toBe(false);

    await page.getByLabel("Text 1").press("Control+Enter");
    await page.locator("#result").waitFor(VISIBLE);
    await expect.poll(() => page.locator("#verdict").textContent(), POLL).toContain(`Text ${expected.real_text_id} is judged real`);
    expect(await page.locator("mark.unshared").count()).toBe(1);
    // The picture for the README (copied by hand to docs/demo.png): the inserted sentence with its tooltip.
    await page.mouse.move(0, 0);
    await page.locator("mark.unshared").focus();
    await page.locator("#tip").waitFor(VISIBLE);
    await page.screenshot({ path: join(OUTPUT, "demo-example.png"), fullPage: true });
    await page.close();
  });

  it("refuses an empty text itself, visibly, without calling the API", async () => {
    const { page, requests } = await open("/");
    await page.getByLabel("Text 1").fill(REAL);
    await page.getByRole("button", { name: "Judge" }).click();
    const error = await shownError(page);
    expect(await error.textContent()).toContain("Text 2: it is empty");
    expect(requests.some((url) => url.includes("/predict"))).toBe(false);
    expect(await page.locator("#result").isHidden()).toBe(true);
    await page.close();
  });

  it("shows the API's 413 message for a text that is too long, with the field's problem", async () => {
    const { page } = await open("/");
    await page.getByLabel("Text 1").fill("a".repeat(MAX_TEXT_LENGTH + 1));
    await expect.poll(() => page.locator("#count1").textContent(), POLL).toContain("over the limit");
    await page.getByLabel("Text 2").fill(EDITED);
    await page.getByRole("button", { name: "Judge" }).click();
    const message = await (await shownError(page)).textContent();
    expect(message).toContain("413");
    expect(message).toContain(`text1 is longer than ${MAX_TEXT_LENGTH} characters`);
    expect(await page.locator("#error-details li").allTextContents()).toEqual([`text1: must be at most ${MAX_TEXT_LENGTH} characters`]);
    await page.screenshot({ path: join(OUTPUT, "demo-error.png"), fullPage: true });
    await page.close();
  });

  it("judges texts too long for segments without the evidence, and says why", async () => {
    const { page } = await open("/");
    const long = `${REAL} `.repeat(Math.ceil((MAX_SEGMENTED_TEXT_LENGTH + 1) / (REAL.length + 1)));
    await judged(page, { text1: long, text2: EDITED });
    await expect.poll(() => page.locator("#verdict").textContent(), POLL).toContain("is judged real");
    expect(await page.locator("#evidence").isHidden()).toBe(true);
    expect(await page.locator("#no-evidence").textContent()).toBe(
      `Texts over ${MAX_SEGMENTED_TEXT_LENGTH.toLocaleString("en")} characters are judged without the sentence-by-sentence evidence.`,
    );
    expect(await page.locator("#reasons tr").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("shows the API's 422 for a text holding NUL", async () => {
    const { page } = await open("/");
    await fillAndJudge(page, { text1: "A text with a NUL \u0000 in it.", text2: EDITED });
    const message = await (await shownError(page)).textContent();
    expect(message).toContain("422");
    expect(message).toContain("NUL");
    await page.close();
  });

  it("shows each field's problem from a 422 and Retry-After from a 429 (canned answers)", async () => {
    const { page } = await open("/");
    const details = [
      { path: "text1", message: "Invalid input: expected string, received number" },
      { path: "text2", message: "Invalid input: expected string, received undefined" },
    ];
    await page.route("**/predict?*", (route) =>
      route.fulfill({ status: 422, json: { error: { code: "invalid_request", message: "request body does not match the schema", details } } }),
    );
    await fillAndJudge(page, { text1: REAL, text2: EDITED });
    expect(await (await shownError(page)).textContent()).toContain("422: request body does not match the schema");
    expect(await page.locator("#error-details li").allTextContents()).toEqual(details.map((d) => `${d.path}: ${d.message}`));

    await page.unroute("**/predict?*");
    await page.route("**/predict?*", (route) =>
      route.fulfill({ status: 429, headers: { "Retry-After": "42" }, json: { error: { code: "rate_limited", message: "too many requests" } } }),
    );
    await page.getByRole("button", { name: "Judge" }).click();
    await expect.poll(() => page.locator("#error-message").textContent(), POLL).toBe("The API answered 429: too many requests. Try again in 42 seconds.");
    expect(await page.locator("#error-details").isHidden()).toBe(true);
    await page.close();
  });

  it("follows the system's dark mode", async () => {
    const { page } = await open("/");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByRole("button", { name: "Load an example" }).click();
    await page.getByRole("button", { name: "Judge" }).click();
    await page.locator("#result").waitFor(VISIBLE);
    expect(await page.locator("body").evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor)).toBe("rgb(17, 24, 39)");
    await page.screenshot({ path: join(OUTPUT, "demo-dark.png"), fullPage: true });
    await page.close();
  });
});

describe("with API_TOKEN set", () => {
  it("the demo page asks for the token, shows the 401 for a missing or wrong one, works with the right one and keeps it in the tab", async () => {
    const { page, requests } = await open("/", tokenBase);
    const token = page.getByLabel("API token");
    await token.waitFor(VISIBLE);
    const pair = { text1: REAL, text2: EDITED };
    await fillAndJudge(page, pair);
    await expect.poll(() => page.locator("#error-message").textContent(), POLL).toContain("401: this API needs an Authorization: Bearer <token> header");

    await token.fill("not-the-token");
    await page.getByRole("button", { name: "Judge" }).click();
    await expect.poll(() => page.locator("#error-message").textContent(), POLL).toContain("401: the bearer token is not valid");

    await token.fill(TOKEN);
    await page.getByRole("button", { name: "Judge" }).click();
    await page.locator("#result").waitFor(VISIBLE);
    await expect.poll(() => page.locator("#verdict").textContent(), POLL).toContain("Text 1 is judged real");
    // The threshold came from /model_info, which needs the token too.
    expect(await page.locator("#why").textContent()).toContain(`(${percent(await threshold())})`);
    expect(requests.every((url) => url.startsWith(tokenBase))).toBe(true);

    await page.reload();
    await token.waitFor(VISIBLE);
    expect(await token.inputValue()).toBe(TOKEN);
    await page.close();
  });

  it("the docs page sends the token with its try-it requests", async () => {
    const { page } = await open("/docs", tokenBase);
    await page.getByLabel("API token").fill(TOKEN);
    const predict = page.locator("#postPredict");
    await predict.locator("summary").first().click();
    await predict.getByRole("button", { name: "Send POST /predict" }).click();
    await expect.poll(() => predict.locator(".status").textContent(), POLL).toMatch(/^200/);
    await page.screenshot({ path: join(OUTPUT, "docs-token.png") });
    await page.close();
  });
});

describe("docs page in headless Chromium", () => {
  it("renders every operation from /openapi.json and sends a try-it request", async () => {
    const { page, requests } = await open("/docs");
    await expect.poll(() => page.locator("details.op").count(), POLL).toBe(operations.length);
    expect(await page.locator("#auth").isHidden()).toBe(true);
    const predict = page.locator("#postPredict");
    await predict.locator("summary").first().click();
    await predict.getByRole("button", { name: "Send POST /predict" }).click();
    await expect.poll(() => predict.locator(".status").textContent(), POLL).toMatch(/^200/);
    expect(await predict.locator("pre.response").textContent()).toContain("real_text_id");
    // Schemas shared under components are shown in full, not as a $ref.
    const schemas = (await predict.locator("details > pre").allTextContents()).join("\n");
    expect(schemas).toContain('"segments"');
    expect(schemas).not.toContain("$ref");
    expect(requests.every((url) => url.startsWith(base))).toBe(true);
    await page.screenshot({ path: join(OUTPUT, "docs.png"), fullPage: true });
    await page.close();
  });
});
