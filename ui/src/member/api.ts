// The hub's HTTP API as the member's page calls it (docs/room.md): plain fetch, same
// origin, the bearer token in a header. No Tauri here: the page runs in a phone's browser.
import { fr } from "../lib/i18n/fr";
import type { Desk, HubError, Paired, ScoreWrite, ScoreWritten } from "./types";

export type { ScoreWrite };

/** What a request came to: the hub's answer, its refusal, or no answer at all. */
export type Answer<T> =
  | { kind: "ok"; data: T }
  | { kind: "refused"; status: number; error: HubError; retryAfter: number | null }
  /** No answer could be read (network down, connection cut): the request may be resent. */
  | { kind: "network" };

export type Fetch = typeof fetch;

async function call<T>(fetcher: Fetch, path: string, init: RequestInit): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetcher(path, { cache: "no-store", ...init });
  } catch {
    return { kind: "network" };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    if (response.ok) return { kind: "network" };
    body = null;
  }
  if (response.ok) return { kind: "ok", data: body as T };
  const wait = Number(response.headers.get("Retry-After"));
  const error: HubError =
    body !== null && typeof body === "object" && typeof (body as HubError).message === "string"
      ? { ...(body as HubError), details: (body as HubError).details ?? [] }
      : { code: "unexpected", message: fr.room.member.unexpected(response.status), details: [] };
  return { kind: "refused", status: response.status, error, retryAfter: Number.isFinite(wait) && wait > 0 ? Math.ceil(wait) : null };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const json = { "Content-Type": "application/json" };

/** The hub, seen from the page. */
export class Hub {
  constructor(private readonly fetcher: Fetch) {}

  /** Exchanges the link's secret or the short code for a token. */
  pair(body: { secret: string } | { code: string }): Promise<Answer<Paired>> {
    return call(this.fetcher, "/api/pair", { method: "POST", headers: json, body: JSON.stringify(body) });
  }

  /** What the member sees now. */
  desk(token: string): Promise<Answer<Desk>> {
    return call(this.fetcher, "/api/desk", { headers: bearer(token) });
  }

  /** Sends one score. */
  score(token: string, write: ScoreWrite): Promise<Answer<ScoreWritten>> {
    return call(this.fetcher, "/api/scores", { method: "POST", headers: { ...json, ...bearer(token) }, body: JSON.stringify(write) });
  }

  /** Opens the live stream; the caller reads its body. */
  events(token: string, signal: AbortSignal): Promise<Response> {
    return this.fetcher("/api/events", { cache: "no-store", headers: { ...bearer(token), Accept: "text/event-stream" }, signal });
  }
}

/** The short code as the hub expects it: upper case, without the spaces or dashes people
 * type between its halves. */
export function normalizeCode(typed: string): string {
  return typed.replace(/[\s\-‐‑–—_.]/g, "").toUpperCase();
}

/** The link's secret, from the address's fragment (`#k=<secret>`), if any. */
export function secretOf(hash: string): string | null {
  const k = new URLSearchParams(hash.replace(/^#/, "")).get("k");
  return k && k.trim() !== "" ? k.trim() : null;
}
