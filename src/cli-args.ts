/**
 * Argument parsing shared by the sub-commands: node:util's parseArgs, with its English errors turned into
 * Chinese usage errors (exit code 2), and the check that every input path exists. Kept free of heavy imports:
 * `--help` and argument errors answer before the reading pipeline is loaded.
 */
import { stat } from "node:fs/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in the command line: printed with a pointer to the command's help, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    /** The sub-command whose `--help` explains the usage (empty for the top level). */
    readonly command = "",
  ) {
    super(message);
  }
}

/** `parseArgs`, throwing UsageError in Chinese instead of Node's English TypeError. */
export function parseCommandArgs<T extends ParseArgsConfig>(
  config: T,
  command: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(translateParseError(e), command);
  }
}

function translateParseError(e: unknown): string {
  const code = String((e as { code?: unknown }).code ?? "");
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  // "--format <value>" or "-h, --help": the long name is what the help lists.
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `未知选项：${option}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take an argument/.test(message)
        ? `选项 ${option} 不需要取值`
        : `选项 ${option} 缺少取值（写作 ${option} <值>）`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `多余的参数：${quoted}（该命令不接受文件或其他参数）`;
    default:
      return `命令行参数无效（${message}）`;
  }
}

/** Throws UsageError naming the first input path that does not exist. */
export async function requireExistingPaths(paths: readonly string[], command: string): Promise<void> {
  for (const p of paths) {
    try {
      await stat(p);
    } catch {
      throw new UsageError(`找不到文件或文件夹：${p}（请检查路径是否正确）`, command);
    }
  }
}
