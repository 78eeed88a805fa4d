// The live stream's parser: events as the hub sends them, however the network cuts them.
import { describe, expect, it } from "vitest";
import { SseParser, readEvents, type SseEvent } from "./sse";

const all = (chunks: string[]) => {
  const p = new SseParser();
  return chunks.flatMap((c) => p.push(c));
};

describe("SseParser", () => {
  it("reads the hub's events, ignoring the keep-alive comments", () => {
    expect(all([': keep-alive\n\nevent: desk\ndata: {"revision": 3}\n\n: keep-alive\n\nevent: revoked\ndata: {}\n\n'])).toEqual([
      { event: "desk", data: '{"revision": 3}' },
      { event: "revoked", data: "{}" },
    ]);
  });

  it("waits for the blank line, whatever the chunks", () => {
    const text = 'event: desk\r\ndata: {"revision": 12}\r\n\r\nevent: desk\rdata: {"revision": 13}\r\r\n';
    const expected = [
      { event: "desk", data: '{"revision": 12}' },
      { event: "desk", data: '{"revision": 13}' },
    ];
    // Every way of cutting the text in two, including between "\r" and "\n".
    for (let i = 0; i <= text.length; i++) expect(all([text.slice(0, i), text.slice(i)])).toEqual(expected);
    expect(all([...text])).toEqual(expected);
  });

  it("joins data lines, names a nameless event « message », and counts a named event without data", () => {
    expect(all(["data: a\ndata:b\n\n", "event: revoked\n\n", "\n\n", "data\n\n"])).toEqual([
      { event: "message", data: "a\nb" },
      { event: "revoked", data: "" },
      { event: "message", data: "" },
    ]);
  });

  it("gives nothing for an event not finished", () => {
    expect(all(["event: desk\ndata: {}\n"])).toEqual([]);
  });
});

describe("readEvents", () => {
  it("decodes UTF-8 cut in the middle of a character and stops when the stream ends", async () => {
    const bytes = new TextEncoder().encode('event: desk\ndata: {"note": "épreuve"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, cut));
        c.enqueue(bytes.slice(cut));
        c.close();
      },
    });
    const seen: SseEvent[] = [];
    await readEvents(body, (e) => seen.push(e));
    expect(seen).toEqual([{ event: "desk", data: '{"note": "épreuve"}' }]);
  });
});
