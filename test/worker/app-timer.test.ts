import { createExecutionContext, env } from "cloudflare:test";
import { expect, it } from "vitest";
import timer from "../../bench/app-timer.js";

/** A request to the bench-only timer Worker (npm run bench:compare's figures inside the isolate). */
const call = (path: string, init?: RequestInit) => timer.fetch(new Request(`http://bench${path}`, init), env, createExecutionContext());

it("sends each body to the app the asked number of times, and answers how many requests it made", async () => {
  const bodies = [JSON.stringify({ text1: "The first text.", text2: "The second one." }), JSON.stringify({ text1: "", text2: "é" })];
  const response = await call("/time?path=%2Fpredict&n=3", { method: "POST", body: JSON.stringify(bodies) });
  expect(await response.json()).toEqual({ requests: 6 });
  const batch = await call("/time?path=%2Fpredict%2Fbatch&n=1", { method: "POST", body: JSON.stringify([JSON.stringify({ pairs: [{ text1: "a", text2: "b" }] })]) });
  expect(await batch.json()).toEqual({ requests: 1 });
});

it("stops at a request the app refuses, naming its status, and passes any other request to the app", async () => {
  const refused = await call("/time?path=%2Fpredict&n=2", { method: "POST", body: JSON.stringify([JSON.stringify({ text1: "no second text" })]) });
  expect(refused.status).toBe(500);
  expect(await refused.json()).toEqual({ error: "/predict answered 422" });
  const health = await call("/health");
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
});
