import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

export interface Measured {
  ms: number;
  /** Peak resident set size of the command in KiB (GNU time), when /usr/bin/time exists. */
  maxRssKiB?: number;
  /** User + system CPU seconds of the command (GNU time), when /usr/bin/time exists. */
  cpuS?: number;
  stdout: string;
}

/** Runs a command, timing it and reading its peak RSS through GNU time. */
export function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  const gnuTime = existsSync("/usr/bin/time");
  const [cmd, argv] = gnuTime ? ["/usr/bin/time", ["-f", "__MAXRSS__%M __CPU__%U %S", command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv as string[], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} exited ${code}: ${stderr.slice(-2000)}`));
      const rss = /__MAXRSS__(\d+)/.exec(stderr)?.[1];
      const cpu = /__CPU__([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({
        ms,
        stdout,
        ...(rss ? { maxRssKiB: Number(rss) } : {}),
        ...(cpu ? { cpuS: Number(cpu[1]) + Number(cpu[2]) } : {}),
      });
    });
  });
}

export function hasCommand(name: string): boolean {
  return (process.env.PATH ?? "").split(":").some((dir) => existsSync(`${dir}/${name}`));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
