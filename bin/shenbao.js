#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader: no build step after `npm ci`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Exit codes: 0 pass, 1 findings at or above --fail-on, 2 a usage or internal error.
  const usage = error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
  process.stderr.write(`${usage ? "参数错误" : "内部错误"}：${error instanceof Error ? error.message : String(error)}\n`);
  if (!usage && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 2;
}
