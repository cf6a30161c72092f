import { expect, it } from "vitest";
import { hashText } from "../../src/model/hashing.js";
import { model } from "../../src/worker/model.js";

it("hashes texts with the WebAssembly pass the Worker installs when it loads the model", () => {
  // Buckets from the kernel are views of its memory, whole pages of 64 KiB; JavaScript's scratch arrays are a few KiB.
  const fromKernel = (text: string) => hashText(text, model.tables.bits).grams.buffer.byteLength % 65536 === 0;
  expect(fromKernel("plain ASCII")).toBe(true);
  expect(fromKernel("not ASCII: é")).toBe(true);
});
