/**
 * The WebAssembly hashing pass as the Node tools load it: the same hash-kernel.wasm the Worker
 * imports, read from the checkout. Both this file and the bundled tools (dist/tools) sit two
 * folders below the checkout's root.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const KERNEL_WAT = fileURLToPath(new URL("../../src/model/hash-kernel.wat", import.meta.url));
export const KERNEL_WASM = fileURLToPath(new URL("../../src/model/hash-kernel.wasm", import.meta.url));

// The project's types are the Workers' ones, where a module cannot be compiled at run time; Node can.
const CompiledModule = WebAssembly.Module as unknown as new (bytes: Uint8Array) => WebAssembly.Module;

let compiled: WebAssembly.Module | undefined;

/** The module at `path` (by default the checkout's, compiled once per process: every readWeights installs it). */
export function readHashKernel(path?: string): WebAssembly.Module {
  if (path) return new CompiledModule(readFileSync(path));
  return (compiled ??= new CompiledModule(readFileSync(KERNEL_WASM)));
}
