/**
 * A failure no route expects, forced through the real app: a rate limiter binding that throws.
 * The answer is the documented 500, which tells nothing of the cause; the log tells it.
 */
import { afterEach, expect, it, vi } from "vitest";
import type { RequestLogLine } from "../../src/worker/middleware/request-log.js";
import { errorOf } from "./request.js";
import { fetchWith } from "./with-env.js";

const CAUSE = "SECRET-CAUSE: the limiter broke";
const throwingLimiter: RateLimit = {
  limit: async () => {
    throw new Error(CAUSE);
  },
};

afterEach(() => vi.restoreAllMocks());

it("answers 500 internal_error without the cause, and logs the cause and the request", async () => {
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const logs = vi.spyOn(console, "log").mockImplementation(() => {});
  const response = await fetchWith({ RATE_LIMITER: throwingLimiter }, "/predict", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Request-Id": "boom-1" },
    body: '{"text1":"a","text2":"b"}',
  });
  const body = await response.text();

  expect(response.status).toBe(500);
  expect(response.headers.get("X-Request-Id")).toBe("boom-1");
  expect(await errorOf(new Response(body))).toEqual({ code: "internal_error", message: "internal error" });
  expect(body).not.toContain("SECRET");

  expect(errors.mock.calls.map((args) => JSON.parse(args.join(" ")))).toEqual([{ level: "error", message: CAUSE, id: "boom-1" }]);
  const lines = logs.mock.calls.map((args) => JSON.parse(args.join(" ")) as RequestLogLine);
  expect(lines).toEqual([expect.objectContaining({ id: "boom-1", route: "/predict", status: 500, error_code: "internal_error" })]);
});
