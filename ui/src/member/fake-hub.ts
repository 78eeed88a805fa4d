// A test double of the hub (crates/room) as docs/room.md describes it: pairing by secret
// or code, a desk, scores checked against the value they replace and written once per
// idempotency key, and the live stream. Tests can cut the network, force an answer, push
// events and cut the stream.
import { vi } from "vitest";
import type { Desk, DeskCriterion, HubError } from "./types";

const criterion = (id: number, block_label: string, label: string, value: string): DeskCriterion => ({
  id,
  block_label,
  label,
  scale_display: "de 0 à 10, par pas de 0,5 — coefficient 1",
  max: "10",
  step: "0,5",
  low: "Projet vague, peu réfléchi.",
  middle: "Projet défini mais peu argumenté.",
  high: "Projet précis, réaliste et argumenté.",
  value,
});

/** Pr MARTIN's desk with DUPONT Camille under deliberation: 2 criteria of 4 scored. */
export function deskFixture(): Desk {
  return {
    member_id: 1,
    member_name: "Pr Anne MARTIN",
    sitting_id: 1,
    sitting_label: "Séance du jeudi 16 janvier 2025 à 14 h 30",
    candidate: { id: 7, name: "DUPONT Camille", category_label: "Étudiant — médecine" },
    state: "open",
    message: "",
    criteria: [
      criterion(1, "Projet professionnel", "Précision et maturité du projet", "8"),
      criterion(2, "Entretien", "Motivation et engagement", "4,5"),
      criterion(3, "Entretien", "Qualité de l'argumentation", ""),
      criterion(4, "Entretien", "Connaissance du dispositif", ""),
    ],
    total: "12,5",
    member_max: "40",
    scored: 2,
  };
}

export const SECRET = "a".repeat(64);
export const CODE = "K7QM4TZP";
export const TOKEN = "t0k3n";

export interface Call {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
}

/** A forced answer: the hub's own, no answer at all (`network`), or the write made and its
 * answer lost on the way back (`lost`). */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> } | "network" | "lost";

const french = (n: number) => String(n).replace(".", ",");
const parse = (v: string) => Number(v.replace(",", "."));
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
export const refusal = (code: string, message: string, field?: string): HubError => ({
  code,
  message,
  details: field ? [{ field, message }] : [],
});

export class FakeHub {
  desk: Desk = deskFixture();
  /** No answer at all: every request fails as when the Wi-Fi drops. */
  down = false;
  /** The secretary revoked this device: its token no longer works. */
  revoked = false;
  /** Answers to give to the next writes, before the hub's own rules. */
  readonly scoreReplies: Reply[] = [];
  readonly pairReplies: Reply[] = [];
  readonly calls: Call[] = [];
  /** The writes the hub made, in order (a key answered twice is written once). */
  readonly written: { key: string; criterion_id: number; value: string }[] = [];
  private readonly answered = new Map<string, Response>();
  private readonly streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  private codeUsed = false;

  readonly fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const path = String(input);
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    this.calls.push({ path, method: init.method ?? "GET", headers, body });
    if (this.down) throw new TypeError("Failed to fetch");
    if (path === "/api/pair") return this.pair(body ?? {});
    if (this.revoked || headers["authorization"] !== `Bearer ${TOKEN}`) return json(401, refusal("bad_token", "Cet appareil n'est plus appairé (révoqué, ou séance connectée fermée) : demandez un nouveau code au secrétariat."));
    if (path === "/api/desk") return json(200, this.desk);
    if (path === "/api/scores") return this.score(body ?? {});
    if (path === "/api/events") return this.events(init.signal ?? null);
    return json(404, refusal("not_found", "Introuvable."));
  });

  /** The calls to one path. */
  to(path: string): Call[] {
    return this.calls.filter((c) => c.path === path);
  }

  /** Sends an event to every open stream. */
  emit(event: string, data = "{}") {
    const bytes = new TextEncoder().encode(`event: ${event}\ndata: ${data}\n\n`);
    for (const s of this.streams) s.enqueue(bytes);
  }

  /** Ends every open stream (the hub restarted, the Wi-Fi dropped). */
  cut() {
    for (const s of this.streams.splice(0)) s.close();
  }

  get openStreams(): number {
    return this.streams.length;
  }

  /** Someone else (the secretary) types a value. */
  store(criterion: number, value: string) {
    const c = this.desk.criteria.find((x) => x.id === criterion)!;
    c.value = value;
    this.total();
  }

  private total() {
    const scored = this.desk.criteria.filter((c) => c.value !== "");
    this.desk.scored = scored.length;
    // As core answers (cells::running_total_of): "0" when nothing is scored yet.
    this.desk.total = french(scored.reduce((t, c) => t + parse(c.value), 0));
  }

  private forced(queue: Reply[]): Response | "network" | "lost" | null {
    const r = queue.shift();
    if (r === undefined) return null;
    if (r === "network" || r === "lost") return r;
    return json(r.status, r.body, r.headers);
  }

  private pair(body: Record<string, unknown>): Response {
    const forced = this.forced(this.pairReplies);
    if (forced === "network" || forced === "lost") throw new TypeError("Failed to fetch");
    if (forced) return forced;
    const good = body.secret === SECRET || (body.code === CODE && !this.codeUsed);
    if (!good) return json(401, refusal("pairing_refused", "Ce code ou ce lien n'est pas valable ou a déjà servi : demandez-en un nouveau au secrétariat."));
    if (body.code) this.codeUsed = true;
    return json(200, { token: TOKEN, member_id: this.desk.member_id, member_name: this.desk.member_name });
  }

  private score(body: Record<string, unknown>): Response {
    const key = String(body.key);
    const again = this.answered.get(key);
    if (again) return again.clone();
    const forced = this.forced(this.scoreReplies);
    if (forced === "network") throw new TypeError("Failed to fetch");
    const answer = forced === "lost" || forced === null ? this.write(body) : forced;
    this.answered.set(key, answer.clone());
    if (forced === "lost") throw new TypeError("Failed to fetch");
    return answer;
  }

  private write(body: Record<string, unknown>): Response {
    const c = this.desk.criteria.find((x) => x.id === body.criterion_id);
    if (!c || body.candidate_id !== this.desk.candidate?.id) return json(404, refusal("not_found", "Introuvable."));
    if (this.desk.state !== "open") return json(403, refusal("member_recused", this.desk.message));
    const value = String(body.value);
    const n = parse(value);
    if (value !== "" && !(Number.isFinite(n) && n >= 0 && n <= 10 && Number.isInteger(n * 2)))
      return json(422, refusal("validation", `« ${value} » n'est pas une note de 0 à 10 par pas de 0,5.`, "value"));
    if (body.replaces !== c.value) return json(409, { ...refusal("stale", "La note a changé entre-temps."), current: c.value });
    const stored = value === "" ? "" : french(n);
    this.written.push({ key: String(body.key), criterion_id: c.id, value: stored });
    this.store(c.id, stored);
    return json(200, { saved: { value: stored, changed: true, total: this.desk.total, scored: this.desk.scored }, desk: this.desk });
  }

  private events(signal: AbortSignal | null): Response {
    let mine: ReadableStreamDefaultController<Uint8Array> | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        mine = controller;
        this.streams.push(controller);
        // As the hub: the first event says to read the desk (changes may have been missed).
        controller.enqueue(new TextEncoder().encode(': hello\n\nevent: desk\ndata: {"revision": 0}\n\n'));
      },
      cancel: () => this.drop(mine),
    });
    signal?.addEventListener("abort", () => {
      this.drop(mine);
      try {
        mine?.error(new DOMException("aborted", "AbortError"));
      } catch {
        // Already closed.
      }
    });
    return new Response(stream, { status: 200, headers: { "Content-Type": "text/event-stream" } });
  }

  private drop(c: ReadableStreamDefaultController<Uint8Array> | undefined) {
    const i = c ? this.streams.indexOf(c) : -1;
    if (i >= 0) this.streams.splice(i, 1);
  }
}
