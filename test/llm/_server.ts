/**
 * A local OpenAI-compatible chat endpoint for tests: node:http on 127.0.0.1, a random port, real HTTP for the real
 * `openai` client. Each request is answered by a handler from the parsed body (recorded answers by task).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string } };
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Assistant content (status 200) or an error message. */
  content: string;
  delayMs?: number;
  tokens?: [prompt: number, completion: number];
}

export interface MockServer {
  baseURL: string;
  requests: ChatRequest[];
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startMockServer(handler: (req: ChatRequest, n: number) => Reply): Promise<MockServer> {
  const requests: ChatRequest[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as ChatRequest;
    requests.push(body);
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    try {
      const reply = handler(body, requests.length);
      if (reply.delayMs) await sleep(reply.delayMs);
      if (res.destroyed) return;
      const status = reply.status ?? 200;
      const [p, c] = reply.tokens ?? [100, 20];
      const payload =
        status === 200
          ? {
              id: `chatcmpl-${requests.length}`,
              object: "chat.completion",
              created: 0,
              model: body.model,
              choices: [{ index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop" }],
              usage: { prompt_tokens: p, completion_tokens: c, total_tokens: p + c },
            }
          : { error: { message: reply.content, type: "mock_error" } };
      res.writeHead(status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(payload));
    } finally {
      inFlight--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Which prompt a request was built from (the prompt files' first line names it). */
export function taskOf(req: ChatRequest): string {
  return /shenbao prompt: (\w+)/.exec(req.messages[0]?.content ?? "")?.[1] ?? "unknown";
}

/** The document text of a request, between the data delimiters. */
export function dataOf(req: ChatRequest): string {
  const user = req.messages.find((m) => m.role === "user")?.content ?? "";
  return /<<<材料原文开始>>>\n([\s\S]*)\n<<<材料原文结束>>>/.exec(user)?.[1] ?? "";
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
