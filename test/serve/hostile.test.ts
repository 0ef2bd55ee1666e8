/**
 * The web self-check under hostile and broken requests, sent over raw sockets so that the framing can lie:
 * every such request is answered 400/408/413 in Chinese, nothing is logged as an internal error, and its queue
 * slot and temporary folder are released — after 50 of them a good upload is still served. Also the queue
 * limit under concurrent uploads, the Host check (DNS rebinding) and readable uploaded names.
 */
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeFileName } from "../../src/serve/files.js";
import { entries, ROOT, startTestServer, upload, waitForJob, type TestServer } from "./_support.js";

const RAR = path.join(ROOT, "fixtures/bad/材料.rar");

interface RawAnswer {
  status: number;
  body: string;
}

/**
 * Sends `head` and `body` as they are and reads the answer until the server closes the connection or
 * `waitMs` passes; `hangUp` closes the socket right after sending (an aborted upload).
 */
function raw(
  url: string,
  head: string,
  body: Buffer | string,
  options: { waitMs?: number; hangUp?: boolean } = {},
): Promise<RawAnswer | null> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    const chunks: Buffer[] = [];
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("utf8");
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!m) return resolve(null);
      // The first answer only: a lying Content-Length makes Node answer the rest as a second request.
      const start = text.indexOf("\r\n\r\n") + 4;
      const length = /\r\ncontent-length: (\d+)/i.exec(text)?.[1];
      const bodyBytes = Buffer.from(text.slice(start), "utf8");
      resolve({
        status: Number(m[1]),
        body: length ? bodyBytes.subarray(0, Number(length)).toString("utf8") : bodyBytes.toString("utf8"),
      });
    };
    const timer = setTimeout(done, options.waitMs ?? 8000);
    socket.on("data", (c: Buffer) => {
      chunks.push(c);
      const text = Buffer.concat(chunks).toString("utf8");
      const length = /\r\ncontent-length: (\d+)/i.exec(text)?.[1];
      const start = text.indexOf("\r\n\r\n");
      if (length && start >= 0 && Buffer.byteLength(text.slice(start + 4)) >= Number(length)) done();
    });
    socket.on("close", done);
    socket.on("error", done);
    socket.write(head);
    socket.write(body, () => {
      if (options.hangUp) socket.destroy();
    });
  });
}

function request(url: string, contentType: string, body: Buffer | string, length?: number, extra = ""): string {
  const { host } = new URL(url);
  const size = length ?? Buffer.byteLength(body);
  return (
    `POST /api/jobs HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${contentType}\r\n` +
    `Content-Length: ${size}\r\n${extra}\r\n`
  );
}

const B = "----shenbaoBoundary7MA4YWxk";
const MP = `multipart/form-data; boundary=${B}`;
const filePart = (name: string, content: string, extraHeaders = "") =>
  `--${B}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\n${extraHeaders}` +
  `Content-Type: application/octet-stream\r\n\r\n${content}\r\n`;
const fieldPart = (name: string, value: string) =>
  `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const end = `--${B}--\r\n`;
const payload = "申报材料".repeat(200);

/** Each hostile request and what it must be answered with (null: the client hung up, no answer to read). */
const HOSTILE: { name: string; send: (url: string) => Promise<RawAnswer | null>; status: number[] | null }[] = [
  {
    name: "no closing boundary",
    send: (url) => {
      const body = filePart("a.pdf", payload).replace(/\r\n$/, "");
      return raw(url, request(url, MP, body), body);
    },
    status: [400],
  },
  {
    name: "a boundary other than the declared one",
    send: (url) => {
      const body = filePart("a.pdf", payload) + end;
      return raw(url, request(url, "multipart/form-data; boundary=somethingElse", body), body);
    },
    status: [400],
  },
  {
    name: "no boundary at all",
    send: (url) => {
      const body = filePart("a.pdf", payload) + end;
      return raw(url, request(url, "multipart/form-data", body), body);
    },
    status: [400],
  },
  {
    name: "a part with 150 header lines before its Content-Disposition",
    send: (url) => {
      const headers = Array.from({ length: 150 }, (_, i) => `X-Filler-${i}: ${i}\r\n`).join("");
      const body = `--${B}\r\n${headers}` + filePart("a.pdf", payload).slice(`--${B}\r\n`.length) + end;
      return raw(url, request(url, MP, body), body);
    },
    status: [400],
  },
  {
    name: "a part header of 40 KB before its Content-Disposition",
    send: (url) => {
      const long = `X-Long: ${"x".repeat(40_000)}\r\n`;
      const body = `--${B}\r\n${long}` + filePart("a.pdf", payload).slice(`--${B}\r\n`.length) + end;
      return raw(url, request(url, MP, body), body);
    },
    status: [400],
  },
  {
    name: "Content-Length smaller than the body",
    send: (url) => {
      const body = filePart("a.pdf", payload) + end;
      return raw(url, request(url, MP, body, 300), body);
    },
    status: [400],
  },
  {
    name: "Content-Length larger than the body, then silence",
    send: (url) => {
      const body = filePart("a.pdf", payload) + end;
      return raw(url, request(url, MP, body, Buffer.byteLength(body) + 5000), body);
    },
    status: [408],
  },
  {
    name: "aborted half-way",
    send: (url) => {
      const body = filePart("a.pdf", payload) + end;
      return raw(url, request(url, MP, body), body.slice(0, 500), { hangUp: true });
    },
    status: null,
  },
  {
    name: "too many fields",
    send: (url) => {
      const body = Array.from({ length: 40 }, (_, i) => fieldPart(`f${i}`, "x")).join("") + end;
      return raw(url, request(url, MP, body), body);
    },
    status: [400, 413],
  },
  {
    name: "a field of 1 MB",
    send: (url) => {
      const body = fieldPart("call", "x".repeat(1024 * 1024)) + filePart("a.pdf", payload) + end;
      return raw(url, request(url, MP, body), body);
    },
    status: [400, 413],
  },
  {
    name: "garbage declared as multipart",
    send: (url) => {
      const body = "\x00\x01garbage".repeat(100);
      return raw(url, request(url, MP, body), body);
    },
    status: [400],
  },
  {
    name: "a file part without Content-Disposition",
    send: (url) => {
      const body = `--${B}\r\nContent-Type: text/plain\r\n\r\n${payload}\r\n` + end;
      return raw(url, request(url, MP, body), body);
    },
    status: [400],
  },
];

let srv: TestServer;
const log: string[] = [];
beforeAll(async () => {
  srv = await startTestServer({ maxQueued: 2, uploadIdleMs: 1500, log: (line) => log.push(line) });
});
afterAll(async () => {
  await srv?.close();
});

describe("hostile and broken uploads", () => {
  it("answers each kind in Chinese without an internal error and without keeping a slot or a folder", async () => {
    for (const h of HOSTILE) {
      const answer = await h.send(srv.url);
      if (h.status === null) continue;
      expect(answer, h.name).not.toBeNull();
      expect(h.status, `${h.name}: ${answer!.status} ${answer!.body}`).toContain(answer!.status);
      const { error } = JSON.parse(answer!.body) as { error: string };
      expect(error, h.name).toMatch(/[\u4e00-\u9fff]/);
      expect(error, h.name).not.toMatch(/[A-Za-z]{6,}/);
    }
    expect(log.filter((l) => /出错|Error|at /.test(l))).toEqual([]);
  });

  it("still serves a good upload after 50 hostile requests, with nothing left behind", async () => {
    for (let i = 0; i < 50; i++) await HOSTILE[i % HOSTILE.length]!.send(srv.url);
    // A hung-up client is noticed within a fraction of the idle timeout.
    for (let i = 0; i < 20 && (await entries(srv.workDir)).length > 0; i++) await sleep(100);
    expect(await entries(srv.workDir)).toEqual([]);
    const { status, body } = await upload(srv.url, [{ path: RAR }]);
    expect(status).toBe(202);
    expect((await waitForJob(srv.url, body.id)).state).toBe("done");
    expect(await entries(srv.workDir)).toEqual([]);
  });
});

describe("the queue limit", () => {
  it("accepts at most --max-queued of 20 concurrent uploads; the rest get a Chinese 503", async () => {
    const queued = await startTestServer({ maxQueued: 10 });
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => upload(queued.url, [{ path: RAR }])));
      const accepted = results.filter((r) => r.status === 202);
      const refused = results.filter((r) => r.status === 503);
      expect(accepted.length).toBeLessThanOrEqual(10);
      expect(accepted.length + refused.length).toBe(20);
      for (const r of refused) expect(r.body.error).toBe("当前排队检查的材料较多，请稍等几分钟后再提交。");
      for (const r of accepted) await waitForJob(queued.url, r.body.id);
    } finally {
      await queued.close();
    }
  });
});

describe("Host and Origin (DNS rebinding)", () => {
  const get = (url: string, host: string, origin?: string) =>
    raw(
      url,
      `GET / HTTP/1.1\r\nHost: ${host}\r\n${origin ? `Origin: ${origin}\r\n` : ""}Connection: close\r\n\r\n`,
      "",
    );

  it("refuses a foreign Host, and a foreign Host with a matching Origin, in Chinese", async () => {
    const port = new URL(srv.url).port;
    expect((await get(srv.url, `127.0.0.1:${port}`))?.status).toBe(200);
    expect((await get(srv.url, `localhost:${port}`))?.status).toBe(200);
    const foreign = await get(srv.url, `attacker.example:${port}`, `http://attacker.example:${port}`);
    expect(foreign?.status).toBe(403);
    expect(foreign?.body).toContain("访问地址");
    const body = filePart("a.pdf", payload) + end;
    const post = await raw(
      srv.url,
      request(srv.url, MP, body).replace(/Host: [^\r]+/, `Host: attacker.example:${port}`),
      body,
    );
    expect(post?.status).toBe(403);
    expect(await entries(srv.workDir)).toEqual([]);
  });

  it("accepts the names given with allowedHosts", async () => {
    const named = await startTestServer({ allowedHosts: ["shenbao.example.gov.cn"] });
    try {
      expect((await get(named.url, "shenbao.example.gov.cn"))?.status).toBe(200);
      expect((await get(named.url, "shenbao.example.gov.cn:443"))?.status).toBe(200);
      expect((await get(named.url, "other.example"))?.status).toBe(403);
    } finally {
      await named.close();
    }
  });
});

describe("uploaded names", () => {
  it("keeps a name with markup and Chinese recognisable, as one file name, never a path", async () => {
    expect(safeFileName("材料<b>粗</b>.zip", 1)).toBe("材料＜b＞粗＜／b＞.zip");
    expect(safeFileName("../../../逃逸/营业执照.jpg", 1)).toBe("..／..／..／逃逸／营业执照.jpg");
    expect(safeFileName("a\u0000b\u001b[31mc\u009b.pdf", 1)).toBe("ab[31mc.pdf");
    expect(safeFileName("..", 2)).toBe("文件2");

    const { body } = await upload(srv.url, [{ path: RAR, name: "材料<b>粗</b>.rar" }]);
    expect((await waitForJob(srv.url, body.id)).state).toBe("done");
    const report = (await (await fetch(new URL(`api/jobs/${body.id}/report.json`, srv.url))).json()) as {
      package: { files: { path: string }[] };
    };
    expect(report.package.files.map((f) => f.path)).toEqual(["材料＜b＞粗＜／b＞.rar"]);
  });
});
