// The member's page logic against a double of the hub: pairing, the writes kept until the
// hub answers and resent with the same key (written once), conflicts with the secretary's
// value, refusals, and the live stream.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fr } from "../lib/i18n/fr";
import { CODE, FakeHub, SECRET, TOKEN, refusal } from "./fake-hub";
import { MemberSession } from "./session.svelte";
import type { DeskCriterion } from "./types";

const t = fr.room.member;
let hub: FakeHub;
let online: EventTarget;
const sessions: MemberSession[] = [];

function session(): MemberSession {
  const s = new MemberSession({ fetch: hub.fetch, storage: sessionStorage, events: online as unknown as Window });
  sessions.push(s);
  return s;
}

/** Lets the promises and the streams move on (fake timers: nothing else runs). */
const tick = async (ms = 0) => {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(i === 0 ? ms : 0);
};

/** A session paired as Pr MARTIN, with her desk read. */
async function paired(): Promise<MemberSession> {
  sessionStorage.setItem("cesp-room-token", JSON.stringify({ token: TOKEN, member_id: 1, member_name: "Pr Anne MARTIN" }));
  const s = session();
  await s.start("");
  await tick();
  expect(s.desk).not.toBeNull();
  return s;
}

const crit = (s: MemberSession, id: number): DeskCriterion => s.desk!.criteria.find((c) => c.id === id)!;
const type = (s: MemberSession, id: number, text: string) => {
  s.input(id, text);
  s.commit(id);
};
const writes = () => hub.to("/api/scores").map((c) => c.body!);

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
  hub = new FakeHub();
  online = new EventTarget();
});

afterEach(() => {
  for (const s of sessions.splice(0)) s.stop();
  vi.useRealTimers();
});

describe("pairing", () => {
  it("exchanges the link's secret for a token kept by the tab, then reads the desk with it", async () => {
    const s = session();
    await s.start(`#k=${SECRET}`);
    await tick();
    expect(hub.to("/api/pair")[0]!.body).toEqual({ secret: SECRET });
    expect(JSON.parse(sessionStorage.getItem("cesp-room-token")!)).toEqual({ token: TOKEN, member_id: 1, member_name: "Pr Anne MARTIN" });
    expect(s.phase).toBe("desk");
    expect(s.desk?.candidate?.name).toBe("DUPONT Camille");
    expect(hub.to("/api/desk")[0]!.headers["authorization"]).toBe(`Bearer ${TOKEN}`);
    expect(hub.to("/api/events")[0]!.headers["authorization"]).toBe(`Bearer ${TOKEN}`);
    expect(s.live).toBe("connected");
  });

  it("sends the code as the hub expects it: upper case, without spaces or dashes", async () => {
    const s = session();
    await s.start("");
    expect(s.phase).toBe("pairing");
    expect(hub.calls).toEqual([]);

    await s.pairWithCode("k7qm");
    expect(s.pairError).toBe(t.codeLength(4));
    await s.pairWithCode("  ");
    expect(s.pairError).toBe(t.codeMissing);
    expect(hub.calls).toEqual([]);

    await s.pairWithCode(" k7qm-4tzp ");
    expect(hub.to("/api/pair")[0]!.body).toEqual({ code: CODE });
    expect(s.phase).toBe("desk");
    expect(s.pairError).toBe("");
  });

  it("shows the hub's refusal at the code", async () => {
    const s = session();
    await s.start("");
    await s.pairWithCode("ABCD EFGH");
    expect(s.pairError).toMatch(/n'est pas valable ou a déjà servi/);
    expect(s.phase).toBe("pairing");
  });

  it("after too many attempts, shows the hub's message and waits as long as it says", async () => {
    hub.pairReplies.push({
      status: 429,
      body: refusal("too_many_attempts", "Trop d'essais erronés depuis cet appareil : patientez avant de réessayer."),
      headers: { "Retry-After": "3" },
    });
    const s = session();
    await s.start("");
    await s.pairWithCode(CODE);
    expect(s.pairError).toBe("Trop d'essais erronés depuis cet appareil : patientez avant de réessayer.");
    expect(s.pairWait).toBe(3);
    await s.pairWithCode(CODE);
    expect(hub.to("/api/pair")).toHaveLength(1);
    await tick(3000);
    expect(s.pairWait).toBe(0);
    await s.pairWithCode(CODE);
    expect(s.phase).toBe("desk");
  });

  it("says when the hub cannot be reached", async () => {
    hub.down = true;
    const s = session();
    await s.start(`#k=${SECRET}`);
    expect(s.phase).toBe("pairing");
    expect(s.pairError).toBe(t.unreachable);
  });

  it("a link already used on this tab keeps the token it gave", async () => {
    const s = await paired();
    s.stop();
    const again = session();
    hub.pairReplies.push({ status: 401, body: refusal("pairing_refused", "Ce lien a déjà servi.") });
    await again.start(`#k=${SECRET}`);
    await tick();
    expect(again.phase).toBe("desk");
    expect(again.pairError).toBe("");
  });

  it("a revoked device clears its token and asks for a code again", async () => {
    const s = await paired();
    hub.revoked = true;
    hub.emit("revoked");
    await tick();
    expect(s.phase).toBe("pairing");
    expect(s.pairNotice).toBe(t.unpaired);
    expect(s.paired).toBeNull();
    expect(sessionStorage.getItem("cesp-room-token")).toBeNull();
    expect(hub.openStreams).toBe(0);
  });
});

describe("writes", () => {
  it("sends the value typed with the value it replaces, and shows it saved with the new total", async () => {
    const s = await paired();
    type(s, 2, "6,5");
    expect(s.status(crit(s, 2))).toEqual({ kind: "sending" });
    await tick();
    expect(writes()).toEqual([{ candidate_id: 7, criterion_id: 2, value: "6,5", replaces: "4,5", key: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    expect(s.status(crit(s, 2))).toEqual({ kind: "saved" });
    expect(s.desk!.total).toBe("14,5");
    expect(s.value(crit(s, 2))).toBe("6,5");
    expect(sessionStorage.getItem("cesp-room-pending")).toBeNull();
  });

  it("sends nothing when the value is back to the one shown", async () => {
    const s = await paired();
    s.input(1, "9");
    s.input(1, "8");
    s.commit(1);
    s.input(3, "   ");
    s.commit(3);
    await tick();
    expect(writes()).toEqual([]);
  });

  it("keeps a write the hub did not answer, resends it every 2 s with the same key, and writes it once", async () => {
    const s = await paired();
    hub.down = true;
    type(s, 3, "7");
    await tick();
    expect(s.status(crit(s, 3))).toEqual({ kind: "notSent" });
    expect(s.value(crit(s, 3))).toBe("7");
    expect(JSON.parse(sessionStorage.getItem("cesp-room-pending")!)).toHaveLength(1);

    await tick(2000);
    expect(writes()).toHaveLength(2);
    hub.down = false;
    await tick(2000);
    expect(writes()).toHaveLength(3);
    expect(new Set(writes().map((w) => w.key)).size).toBe(1);
    expect(hub.written).toEqual([{ key: writes()[0]!.key, criterion_id: 3, value: "7" }]);
    expect(s.status(crit(s, 3))).toEqual({ kind: "saved" });
    expect(s.desk!.total).toBe("19,5");
    expect(sessionStorage.getItem("cesp-room-pending")).toBeNull();

    // Nothing more is sent.
    await tick(30_000);
    expect(writes()).toHaveLength(3);
  });

  it("resends a write whose answer was lost, and the hub writes it once", async () => {
    const s = await paired();
    hub.scoreReplies.push("lost");
    type(s, 3, "7");
    await tick();
    expect(hub.written).toHaveLength(1);
    expect(s.status(crit(s, 3))).toEqual({ kind: "notSent" });
    await tick(2000);
    expect(writes()).toHaveLength(2);
    expect(writes()[1]!.key).toBe(writes()[0]!.key);
    expect(hub.written).toHaveLength(1);
    expect(s.status(crit(s, 3))).toEqual({ kind: "saved" });
  });

  it("resends at once when the browser is back online", async () => {
    const s = await paired();
    hub.down = true;
    type(s, 3, "7");
    await tick();
    hub.down = false;
    online.dispatchEvent(new Event("online"));
    await tick();
    expect(writes()).toHaveLength(2);
    expect(s.status(crit(s, 3))).toEqual({ kind: "saved" });
  });

  it("keeps the writes across a reload and resends them with their key", async () => {
    const s = await paired();
    hub.down = true;
    type(s, 3, "7");
    await tick();
    s.stop();
    hub.down = false;

    const reloaded = await paired();
    expect(reloaded.status(crit(reloaded, 3))).toEqual({ kind: "saved" });
    expect(writes()).toHaveLength(2);
    expect(writes()[1]!.key).toBe(writes()[0]!.key);
    expect(hub.written.map((w) => w.value)).toEqual(["7"]);
  });

  it("never sends another member's writes with this member's token", async () => {
    sessionStorage.setItem(
      "cesp-room-pending",
      JSON.stringify([{ key: "k1", member_id: 2, candidate_id: 7, candidate_name: "DUPONT Camille", criterion_id: 3, value: "2", replaces: "" }]),
    );
    await paired();
    await tick();
    expect(writes()).toEqual([]);
    expect(sessionStorage.getItem("cesp-room-pending")).toBeNull();
  });

  it("sends the values typed in one field while offline in order, each replacing the one before", async () => {
    const s = await paired();
    hub.down = true;
    type(s, 3, "7");
    await tick();
    type(s, 3, "8");
    await tick();
    expect(s.value(crit(s, 3))).toBe("8");
    hub.down = false;
    await tick(2000);
    expect(hub.written.map((w) => w.value)).toEqual(["7", "8"]);
    expect(writes().at(-1)).toMatchObject({ value: "8", replaces: "7" });
    expect(s.status(crit(s, 3))).toEqual({ kind: "saved" });
  });

  it("shows a value off the scale at its field and keeps it there to be corrected", async () => {
    const s = await paired();
    type(s, 3, "12");
    await tick();
    expect(s.status(crit(s, 3))).toEqual({ kind: "error", message: "« 12 » n'est pas une note de 0 à 10 par pas de 0,5." });
    expect(s.value(crit(s, 3))).toBe("12");
    // The correction replaces what is stored (nothing), not the refused value.
    type(s, 3, "9");
    await tick();
    expect(writes().at(-1)).toMatchObject({ value: "9", replaces: "" });
    expect(s.status(crit(s, 3))).toEqual({ kind: "saved" });
  });

  it("a refusal of the member shows the hub's message at the field", async () => {
    const s = await paired();
    hub.scoreReplies.push({ status: 403, body: refusal("scores_locked", "Les notes de DUPONT Camille sont validées : elles ne peuvent plus être modifiées.") });
    type(s, 3, "7");
    await tick();
    expect(s.status(crit(s, 3))).toEqual({ kind: "error", message: "Les notes de DUPONT Camille sont validées : elles ne peuvent plus être modifiées." });
    expect(s.value(crit(s, 3))).toBe("");
  });

  it("a conflict with the secretary's value: the member keeps it or sends theirs over it with a new key", async () => {
    const s = await paired();
    hub.store(3, "6");
    type(s, 3, "7");
    await tick();
    expect(s.status(crit(s, 3))).toEqual({ kind: "conflict", current: "6", mine: "7" });
    expect(t.conflict("6", "7")).toBe("Le secrétariat a saisi 6\u00a0; vous aviez saisi 7.");
    expect(s.value(crit(s, 3))).toBe("6");
    expect(hub.written).toEqual([]);

    s.resend(3);
    await tick();
    const [first, second] = writes();
    expect(second).toMatchObject({ value: "7", replaces: "6" });
    expect(second!.key).not.toBe(first!.key);
    expect(hub.written.map((w) => w.value)).toEqual(["7"]);
    expect(s.status(crit(s, 3))).toEqual({ kind: "saved" });
  });

  it("a conflict kept: the secretary's value stays and nothing is sent", async () => {
    const s = await paired();
    hub.store(3, "6");
    type(s, 3, "7");
    await tick();
    s.keep(3);
    await tick();
    expect(s.status(crit(s, 3))).toEqual({ kind: "none" });
    expect(s.value(crit(s, 3))).toBe("6");
    expect(writes()).toHaveLength(1);
  });

  it("a token refused on a write: pairing again, and the write goes once paired", async () => {
    const s = await paired();
    hub.revoked = true;
    type(s, 3, "7");
    await tick();
    expect(s.phase).toBe("pairing");
    expect(s.pairNotice).toMatch(/^Cet appareil n'est plus appairé/);
    expect(sessionStorage.getItem("cesp-room-token")).toBeNull();

    hub.revoked = false;
    await s.pairWithCode(CODE);
    await tick();
    expect(hub.written.map((w) => w.value)).toEqual(["7"]);
    expect(writes().at(-1)!.key).toBe(writes()[0]!.key);
  });

  it("sends what was being typed when the secretary moves on to the next candidate", async () => {
    const s = await paired();
    s.input(3, "7");
    hub.desk = { ...hub.desk, candidate: { id: 8, name: "LEFÈVRE Zoé", category_label: "Interne — médecine" } };
    hub.emit("desk");
    await tick();
    expect(s.desk!.candidate!.name).toBe("LEFÈVRE Zoé");
    expect(writes()).toEqual([expect.objectContaining({ candidate_id: 7, criterion_id: 3, value: "7" })]);
  });
});

describe("live", () => {
  it("reads the desk again on each event, keeping what the member is typing", async () => {
    const s = await paired();
    s.input(3, "5");
    hub.store(4, "9");
    const reads = hub.to("/api/desk").length;
    hub.emit("desk", '{"revision": 4}');
    await tick();
    expect(hub.to("/api/desk")).toHaveLength(reads + 1);
    expect(s.value(crit(s, 4))).toBe("9");
    expect(s.value(crit(s, 3))).toBe("5");
    expect(s.desk!.total).toBe("21,5");
  });

  it("shows the desk's state when the member may not score", async () => {
    const s = await paired();
    hub.desk = { ...hub.desk, state: "recused", message: "Vous êtes déporté(e) pour DUPONT Camille." };
    hub.emit("desk");
    await tick();
    expect(s.writable).toBe(false);
    type(s, 3, "7");
    await tick();
    expect(writes()).toEqual([]);
  });

  it("reconnects when the stream ends, waiting longer each time, and reads the desk again", async () => {
    const s = await paired();
    expect(hub.to("/api/events")).toHaveLength(1);
    hub.down = true;
    hub.cut();
    await tick();
    expect(s.live).toBe("lost");
    await tick(1000);
    expect(hub.to("/api/events")).toHaveLength(2);
    await tick(1000);
    expect(hub.to("/api/events")).toHaveLength(2);
    await tick(1000);
    expect(hub.to("/api/events")).toHaveLength(3);
    hub.down = false;
    hub.store(4, "9");
    await tick(4000);
    expect(hub.to("/api/events")).toHaveLength(4);
    expect(s.live).toBe("connected");
    expect(s.value(crit(s, 4))).toBe("9");
  });
});
