/**
 * npm run wasm
 * Assembles src/model/hash-kernel.wat into src/model/hash-kernel.wasm, which is committed: the
 * Worker imports it and the Node tools read it. Run it after editing the .wat; a test checks that
 * the committed .wasm is the .wat's assembly.
 */
import { readFileSync, writeFileSync } from "node:fs";
import wabt from "wabt";
import { KERNEL_WASM, KERNEL_WAT } from "./hash-kernel.js";
import { parseToolArgs, runTool } from "./run.js";

runTool(() => parseToolArgs({}, "npm run wasm"));
const wasm = (await wabt()).parseWat(KERNEL_WAT, readFileSync(KERNEL_WAT, "utf8")).toBinary({}).buffer;
writeFileSync(KERNEL_WASM, wasm);
console.log(`wrote ${KERNEL_WASM} (${wasm.length} bytes)`);
