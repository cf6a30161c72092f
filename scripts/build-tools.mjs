// Bundles the command-line tools as the Worker is bundled, to run with plain node: tsx spent about
// half a second transpiling them on every start (BENCHMARKS.md, "The Node tools").
// `npm run train|evaluate|predict` run this first (about 0.3 s), so the tools never lag behind the
// code.
import { build } from "esbuild";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const { outputFiles } = await build({
  absWorkingDir: fileURLToPath(new URL("..", import.meta.url)),
  entryPoints: ["src/cli/train.ts", "src/cli/evaluate.ts", "src/cli/predict.ts"],
  outdir: "dist/tools",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  write: false,
}).catch(() => process.exit(1)); // esbuild has already printed what failed
// Replaced by rename, so a tool started while another build runs never reads a half-written file.
for (const { path, contents } of outputFiles) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.${process.pid}.tmp`, contents);
  renameSync(`${path}.${process.pid}.tmp`, path);
}
