/** Prompts are files under prompts/ (versioned with the code); the sha256 of each one used goes into the report. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export type PromptName = "classify" | "fields" | "narrative" | "summary";

export interface Prompt {
  name: PromptName;
  text: string;
  sha256: string;
}

const DIR = new URL("../../../prompts/", import.meta.url);
const loaded = new Map<PromptName, Prompt>();

export function loadPrompt(name: PromptName): Prompt {
  let p = loaded.get(name);
  if (!p) {
    const text = readFileSync(new URL(`${name}.md`, DIR), "utf8");
    p = { name, text, sha256: createHash("sha256").update(text).digest("hex") };
    loaded.set(name, p);
  }
  return p;
}
