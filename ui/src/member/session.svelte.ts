// The member's page, as a state machine the component renders: pairing, the desk, the
// writes not yet answered (kept across a reload, resent with their key until the hub
// answers), conflicts with what the secretary typed, and the live stream that says when
// to read the desk again. Everything it does goes through `fetch` and `sessionStorage`,
// given to it, so that tests drive it without a browser.
import { SvelteMap, SvelteSet } from "svelte/reactivity";
import { fr } from "../lib/i18n/fr";
import { Hub, normalizeCode, secretOf, type Answer, type Fetch, type ScoreWrite } from "./api";
import { loadPending, newKey, savePending, type PendingWrite } from "./pending";
import { readEvents, type SseEvent } from "./sse";
import type { Desk, DeskCriterion, Paired, ScoreWritten } from "./types";

const t = fr.room.member;
const TOKEN = "cesp-room-token";

export type Phase = "starting" | "pairing" | "desk";
export type Live = "connecting" | "connected" | "lost";

/** What the page knows about one field beyond the desk's value. */
export interface FieldState {
  /** What the member is typing, and the value shown when they began (what it replaces). */
  draft?: { text: string; base: string };
  /** Why the hub refused the last value sent. */
  error?: string;
  /** The hub had another value than the one the member's write replaced. */
  conflict?: { current: string; mine: string };
  /** The last value sent was written. */
  saved?: boolean;
}

export type FieldStatus =
  | { kind: "none" }
  | { kind: "sending" }
  | { kind: "notSent" }
  | { kind: "saved" }
  | { kind: "error"; message: string }
  | { kind: "conflict"; current: string; mine: string };

export interface SessionDeps {
  fetch: Fetch;
  storage: Storage;
  /** Where the browser's `online` event comes from (the window). */
  events?: Pick<Window, "addEventListener" | "removeEventListener">;
  /** How long to wait before resending after a network failure. */
  retryMs?: number;
}

export const fieldKey = (candidate: number, criterion: number): string => `${candidate}:${criterion}`;
const keyOf = (w: { candidate_id: number; criterion_id: number }) => fieldKey(w.candidate_id, w.criterion_id);
/** The last item (`Array.prototype.at` came with Safari 15.4; the page serves older phones). */
export const lastOf = <T>(list: readonly T[]): T | undefined => list[list.length - 1];

/** What is sent for a pending write: the page's own fields stay on the page. */
const body = (w: PendingWrite): ScoreWrite => ({
  candidate_id: w.candidate_id,
  criterion_id: w.criterion_id,
  value: w.value,
  replaces: w.replaces,
  key: w.key,
});

export class MemberSession {
  phase = $state<Phase>("starting");
  paired = $state<Paired | null>(null);
  desk = $state<Desk | null>(null);
  /** What went wrong with the last pairing attempt, at the code's field. */
  pairError = $state("");
  /** Why the pairing form shows again (this device is no longer paired). */
  pairNotice = $state("");
  pairBusy = $state(false);
  /** Seconds before another pairing attempt is allowed (after a 429). */
  pairWait = $state(0);
  /** Why the desk cannot be read (the campaign was closed…). */
  deskError = $state("");
  live = $state<Live>("connecting");
  /** The writes the hub has not answered, oldest first; sent one at a time, in order. */
  pending = $state<PendingWrite[]>([]);
  /** Refusals of writes for a candidate no longer on the desk. */
  elsewhere = $state<string[]>([]);
  /** Keys of the writes that could not reach the hub (or came back from a reload). */
  readonly stalled = new SvelteSet<string>();
  readonly fields = new SvelteMap<string, FieldState>();

  private readonly hub: Hub;
  private readonly retryMs: number;
  private generation = 0;
  private stopped = false;
  private flushing = false;
  private refreshing = false;
  private refreshAgain = false;
  private deskSeq = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private waitTimer: ReturnType<typeof setInterval> | undefined;
  private abort: AbortController | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly deps: SessionDeps) {
    this.hub = new Hub(deps.fetch);
    this.retryMs = deps.retryMs ?? 2000;
    this.pending = loadPending(deps.storage);
    for (const w of this.pending) this.stalled.add(w.key);
    deps.events?.addEventListener("online", this.online);
  }

  /** Starts from the address's fragment (`#k=…`, already removed from the address bar by
   * the caller) or the token this tab keeps. */
  async start(hash: string): Promise<void> {
    const stored = this.readToken();
    const secret = secretOf(hash);
    if (secret !== null) {
      // A link already used on this tab: keep the token it gave.
      if (await this.pair({ secret }, stored !== null)) return;
      if (stored !== null) this.enter(stored);
      return;
    }
    if (stored !== null) this.enter(stored);
    else this.phase = "pairing";
  }

  /** Pairs with the short code as typed (« k7qm-4tzp »). */
  async pairWithCode(typed: string): Promise<void> {
    if (this.pairBusy || this.pairWait > 0) return;
    const code = normalizeCode(typed);
    if (code === "") this.pairError = t.codeMissing;
    else if (code.length !== 8) this.pairError = t.codeLength(code.length);
    else await this.pair({ code }, false);
  }

  /** Stops everything (the page is going away; tests). */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.abort?.abort();
    this.wake?.();
    clearTimeout(this.retryTimer);
    clearTimeout(this.refreshTimer);
    clearInterval(this.waitTimer);
    this.deps.events?.removeEventListener("online", this.online);
  }

  // ---- What the component shows -------------------------------------------------------

  /** The value shown in a field of the desk's candidate. */
  value(c: DeskCriterion): string {
    const candidate = this.desk?.candidate?.id;
    if (candidate === undefined) return c.value;
    return this.shown(candidate, c.id, c.value);
  }

  status(c: DeskCriterion): FieldStatus {
    const candidate = this.desk?.candidate?.id;
    if (candidate === undefined) return { kind: "none" };
    const k = fieldKey(candidate, c.id);
    const f = this.fields.get(k);
    if (f?.conflict) return { kind: "conflict", ...f.conflict };
    if (this.pending.some((w) => keyOf(w) === k)) return this.stalled.size > 0 ? { kind: "notSent" } : { kind: "sending" };
    if (f?.error) return { kind: "error", message: f.error };
    if (f?.saved && !f.draft) return { kind: "saved" };
    return { kind: "none" };
  }

  /** Whether the member may type on the desk. */
  get writable(): boolean {
    return this.desk?.state === "open" && this.desk.candidate !== null;
  }

  // ---- What the member does -----------------------------------------------------------

  /** The member types in a field. */
  input(criterion: number, text: string): void {
    const candidate = this.desk?.candidate;
    if (!candidate) return;
    const k = fieldKey(candidate.id, criterion);
    const f = this.fields.get(k) ?? {};
    const stored = this.desk?.criteria.find((x) => x.id === criterion)?.value ?? "";
    // What the new value replaces: the value on screen when the member began typing.
    const base = f.draft?.base ?? this.shown(candidate.id, criterion, stored);
    this.fields.set(k, { draft: { text, base }, error: f.error });
  }

  /** The member leaves a field or presses Enter: the value typed is sent. */
  commit(criterion: number): void {
    const candidate = this.desk?.candidate;
    if (!candidate || !this.paired) return;
    this.commitField(candidate.id, candidate.name, criterion);
  }

  /** Escape: back to the value shown before typing. */
  cancel(criterion: number): void {
    const candidate = this.desk?.candidate;
    if (!candidate) return;
    this.fields.delete(fieldKey(candidate.id, criterion));
  }

  /** A conflict: keep the value stored now. */
  keep(criterion: number): void {
    const candidate = this.desk?.candidate;
    if (!candidate) return;
    this.fields.delete(fieldKey(candidate.id, criterion));
    void this.refresh();
  }

  /** A conflict: send the member's value again, over the one stored now. */
  resend(criterion: number): void {
    const candidate = this.desk?.candidate;
    const p = this.paired;
    if (!candidate || !p) return;
    const k = fieldKey(candidate.id, criterion);
    const conflict = this.fields.get(k)?.conflict;
    if (!conflict) return;
    this.fields.set(k, {});
    this.enqueue({
      key: newKey(),
      member_id: p.member_id,
      candidate_id: candidate.id,
      candidate_name: candidate.name,
      criterion_id: criterion,
      value: conflict.mine,
      replaces: conflict.current,
    });
  }

  // ---- Pairing ------------------------------------------------------------------------

  private async pair(request: { secret: string } | { code: string }, quiet: boolean): Promise<boolean> {
    this.pairBusy = true;
    const a = await this.hub.pair(request);
    this.pairBusy = false;
    if (a.kind === "ok") {
      try {
        this.deps.storage.setItem(TOKEN, JSON.stringify(a.data));
      } catch {
        // Storage refused: the token lives as long as the page.
      }
      this.enter(a.data);
      return true;
    }
    if (quiet) return false;
    this.phase = "pairing";
    if (a.kind === "network") this.pairError = t.unreachable;
    else {
      this.pairError = a.error.message;
      if (a.status === 429) this.countdown(a.retryAfter ?? 2);
    }
    return false;
  }

  private countdown(seconds: number) {
    clearInterval(this.waitTimer);
    this.pairWait = seconds;
    this.waitTimer = setInterval(() => {
      this.pairWait = Math.max(0, this.pairWait - 1);
      if (this.pairWait === 0) clearInterval(this.waitTimer);
    }, 1000);
  }

  private readToken(): Paired | null {
    try {
      const p: unknown = JSON.parse(this.deps.storage.getItem(TOKEN) ?? "null");
      return p !== null && typeof p === "object" && typeof (p as Paired).token === "string" ? (p as Paired) : null;
    } catch {
      return null;
    }
  }

  private enter(p: Paired) {
    this.generation++;
    this.paired = p;
    this.pairError = "";
    this.pairNotice = "";
    this.deskError = "";
    // Writes typed by another member on this tab are never sent with this member's token.
    const mine = this.pending.filter((w) => w.member_id === p.member_id);
    if (mine.length !== this.pending.length) this.setPending(mine);
    this.phase = "desk";
    this.live = "connecting";
    void this.refresh();
    void this.listen(this.generation);
    void this.flush();
  }

  /** The token no longer works (revoked, sitting closed): pair again. `why` is the hub's
   * message when it gave one. */
  private unpaired(why: string = t.unpaired) {
    this.generation++;
    this.abort?.abort();
    this.wake?.();
    clearTimeout(this.retryTimer);
    clearTimeout(this.refreshTimer);
    try {
      this.deps.storage.removeItem(TOKEN);
    } catch {
      // Nothing kept.
    }
    this.paired = null;
    this.desk = null;
    this.pairError = "";
    this.pairNotice = why;
    this.phase = "pairing";
  }

  // ---- The desk -----------------------------------------------------------------------

  /** Reads the desk again (one read at a time; a request during one reads once more after). */
  async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    const p = this.paired;
    if (!p) return;
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        const seq = this.deskSeq;
        const a = await this.hub.desk(p.token);
        if (this.paired !== p || this.stopped) return;
        if (a.kind === "ok") {
          // A write answered meanwhile brought a desk at least as recent: read again.
          if (seq === this.deskSeq) this.applyDesk(a.data);
          else this.refreshAgain = true;
        } else if (a.kind === "refused") {
          if (a.status === 401) return this.unpaired(a.error.message);
          this.deskError = a.error.message;
        } else {
          clearTimeout(this.refreshTimer);
          this.refreshTimer = setTimeout(() => void this.refresh(), this.retryMs);
        }
      } while (this.refreshAgain);
    } finally {
      this.refreshing = false;
    }
  }

  private applyDesk(d: Desk) {
    const before = this.desk?.candidate;
    this.deskSeq++;
    this.desk = d;
    this.deskError = "";
    if (before && before.id !== d.candidate?.id) {
      // The secretary moved on while the member was typing: what was typed is sent.
      for (const [k, f] of [...this.fields]) {
        const [cand, crit] = k.split(":").map(Number) as [number, number];
        if (cand === before.id && f.draft) this.commitField(cand, before.name, crit);
      }
    }
  }

  /** The value shown for a field: what is typed, else the last value waiting to be sent,
   * else the value stored now. */
  private shown(candidate: number, criterion: number, stored: string): string {
    const k = fieldKey(candidate, criterion);
    const f = this.fields.get(k);
    if (f?.draft) return f.draft.text;
    const last = lastOf(this.pending.filter((w) => keyOf(w) === k));
    if (last) return last.value;
    if (f?.conflict) return f.conflict.current;
    return stored;
  }

  // ---- Writes -------------------------------------------------------------------------

  private commitField(candidate: number, name: string, criterion: number) {
    const p = this.paired;
    const k = fieldKey(candidate, criterion);
    const f = this.fields.get(k);
    if (!p || !f?.draft) return;
    const text = f.draft.text.trim();
    if (text === f.draft.base) {
      // Back to the value shown: nothing to send, and an earlier refusal no longer holds.
      this.fields.set(k, { saved: f.saved });
      return;
    }
    if (candidate === this.desk?.candidate?.id && !this.writable) return;
    this.fields.set(k, {});
    this.enqueue({ key: newKey(), member_id: p.member_id, candidate_id: candidate, candidate_name: name, criterion_id: criterion, value: text, replaces: f.draft.base });
  }

  private enqueue(w: PendingWrite) {
    this.setPending([...this.pending, w]);
    void this.flush();
  }

  private setPending(list: PendingWrite[]) {
    this.pending = list;
    savePending(this.deps.storage, list);
    for (const k of [...this.stalled]) if (!list.some((w) => w.key === k)) this.stalled.delete(k);
  }

  private readonly online = () => {
    clearTimeout(this.retryTimer);
    void this.flush();
    this.wake?.();
  };

  /** Sends the pending writes, oldest first, each until the hub answers it. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    clearTimeout(this.retryTimer);
    try {
      while (this.pending.length > 0 && !this.stopped) {
        const p = this.paired;
        if (!p) return;
        const w = this.pending[0]!;
        const a = await this.hub.score(p.token, body(w));
        if (this.paired !== p || this.stopped) return;
        if (a.kind === "network") {
          // Sent again later with the same key: written once whatever happened to this one.
          this.stalled.add(w.key);
          this.retryTimer = setTimeout(() => void this.flush(), this.retryMs);
          return;
        }
        if (a.kind === "refused" && a.status === 401) return this.unpaired(a.error.message);
        this.settle(w, a);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The hub answered a write. */
  private settle(w: PendingWrite, a: Exclude<Answer<ScoreWritten>, { kind: "network" }>) {
    const k = keyOf(w);
    let rest = this.pending.filter((x) => x.key !== w.key);
    const later = rest.filter((x) => keyOf(x) === k);
    const f = this.fields.get(k) ?? {};
    const onDesk = w.candidate_id === this.desk?.candidate?.id;
    if (a.kind === "ok") {
      this.setPending(rest);
      this.fields.set(k, { draft: f.draft, saved: later.length === 0 });
      this.applyDesk(a.data.desk);
      return;
    }
    if (a.status === 409) {
      // Another value was stored meanwhile: the member chooses. Their later values for
      // this field replaced this one, and go with it.
      const mine = lastOf(later)?.value ?? w.value;
      const current = a.error.current ?? "";
      this.setPending(rest.filter((x) => keyOf(x) !== k));
      if (mine === current) this.fields.set(k, { draft: f.draft, saved: true });
      else {
        this.fields.set(k, { draft: f.draft, conflict: { current, mine } });
        if (!onDesk) this.elsewhere = [...this.elsewhere, t.elsewhere(w.candidate_name, t.conflict(current, mine))];
      }
      void this.refresh();
      return;
    }
    const message = a.status === 422 || a.status === 400 ? (a.error.details[0]?.message ?? a.error.message) : a.error.message;
    const next = later[0];
    if (next) {
      // Nothing was written: the next value typed in this field replaces what this one did.
      rest = rest.map((x) => (x.key === next.key ? { ...x, replaces: w.replaces } : x));
      this.setPending(rest);
      this.fields.set(k, { draft: f.draft, error: message });
      return;
    }
    this.setPending(rest);
    // A value off the scale stays in its field, to be corrected; a refusal of the member
    // (recused, validated…) leaves the value stored.
    const typed = a.status === 422 || a.status === 400 ? { text: w.value, base: w.replaces } : undefined;
    this.fields.set(k, { draft: f.draft ?? typed, error: message });
    if (!onDesk) this.elsewhere = [...this.elsewhere, t.elsewhere(w.candidate_name, message)];
    if (a.status === 403) void this.refresh();
  }

  // ---- Live ---------------------------------------------------------------------------

  /** Follows `/api/events` while this pairing lasts, reconnecting with a growing wait. */
  private async listen(generation: number) {
    let attempt = 0;
    let first = true;
    while (generation === this.generation && !this.stopped) {
      const p = this.paired;
      if (!p) return;
      const abort = new AbortController();
      this.abort = abort;
      let response: Response | null = null;
      try {
        response = await this.hub.events(p.token, abort.signal);
      } catch {
        response = null;
      }
      if (generation !== this.generation || this.stopped) return;
      if (response?.status === 401) return this.unpaired();
      if (response?.ok && response.body) {
        this.live = "connected";
        attempt = 0;
        // Back after a cut: what happened meanwhile was not heard.
        if (!first) {
          void this.refresh();
          void this.flush();
        }
        first = false;
        try {
          await readEvents(response.body, (e) => this.onEvent(e, generation));
        } catch {
          // Cut: reconnect below.
        }
        if (generation !== this.generation || this.stopped) return;
      }
      this.live = "lost";
      await this.sleep(Math.min(1000 * 2 ** attempt, 30_000));
      attempt++;
    }
  }

  private onEvent(e: SseEvent, generation: number) {
    if (generation !== this.generation) return;
    if (e.event === "desk") void this.refresh();
    else if (e.event === "revoked") this.unpaired();
  }

  /** Waits `ms`, or less when the network comes back. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
