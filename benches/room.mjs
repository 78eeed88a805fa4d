// The connected sitting under load: D devices (default 30: five per member present on the
// demo's first sitting, each member's link renewed between pairings) score at once through
// `cesp serve` on 127.0.0.1, each device on its own candidate, one write after the other,
// W writes each. Measured per write: from the request sent to (a) its answer, (b) the
// hub's « score » event on serve's stdout (what the window's séance view receives as its
// « room-changed » event), (c) the « desk » event on a watching device's live stream (what
// a member's page receives). Also the scores per second sustained and the process's own
// memory (Pss_Anon of /proc/PID/smaps_rollup) before pairing and at the end.
//   node benches/room.mjs CESP_BIN [DEVICES] [WRITES]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";

const [cesp, devicesArg = "30", writesArg = "40"] = process.argv.slice(2);
const DEVICES = Number(devicesArg);
const WRITES = Number(writesArg);
const work = mkdtempSync(join(tmpdir(), "cesp-room-bench-"));
const file = join(work, "demo.cesp");
if (spawnSync(cesp, ["demo", file]).status !== 0) throw new Error("cesp demo failed");

const child = spawn(cesp, ["--json", "serve", file, "--sitting", "1", "--bind", "127.0.0.1:0", "--candidate", "2"], {
  env: { ...process.env, CESP_OPERATOR: "Banc d'essai" },
  stdio: ["pipe", "pipe", "inherit"],
});
const statuses = [];
const statusWaiters = [];
const scoreEvents = new Map(); // "member-candidate" -> resolve
createInterface({ input: child.stdout }).on("line", (line) => {
  const v = JSON.parse(line);
  if (v.status) {
    const w = statusWaiters.shift();
    if (w) w(v.status);
    else statuses.push(v.status);
  } else if (v.event && v.event.kind === "score") {
    const key = `${v.event.member_id}-${v.event.candidate_id}`;
    scoreEvents.get(key)?.(performance.now());
  }
});
const nextStatus = () => new Promise((r) => (statuses.length ? r(statuses.shift()) : statusWaiters.push(r)));
const pssAnon = () => {
  const text = readFileSync(`/proc/${child.pid}/smaps_rollup`, "utf8");
  return Number(/Pss_Anon:\s+(\d+) kB/.exec(text)[1]);
};

let status = await nextStatus();
const origin = status.url.replace(/\/$/, "");
const memoryBefore = pssAnon();
const pair = async (secret) => {
  const r = await fetch(`${origin}/api/pair`, { method: "POST", headers: { "Content-Type": "application/json", Origin: origin }, body: JSON.stringify({ secret }) });
  if (r.status !== 200) throw new Error(`pair ${r.status}`);
  return (await r.json()).token;
};
// Five devices per member: pair, renew the member's link, pair again.
const members = status.members.map((m) => m.member_id);
const devices = [];
for (let round = 0; devices.length < DEVICES; round++) {
  for (const m of members) {
    if (devices.length >= DEVICES) break;
    const pass = status.members.find((x) => x.member_id === m);
    devices.push({ member: m, round, token: await pair(pass.link.split("#k=")[1]) });
    child.stdin.write(`nouveau ${m}\n`);
    status = await nextStatus();
  }
}
const candidates = [2, 4, 7, 9, 11, 13, 16, 18, 20, 21, 23, 25, 27, 29];
const criteriaDesk = await (await fetch(`${origin}/api/desk`, { headers: { Authorization: `Bearer ${devices[0].token}` } })).json();
const criteria = criteriaDesk.criteria.map((c) => c.id);

// A watching device's live stream: the time each « desk » event arrives.
const watcher = await fetch(`${origin}/api/events`, { headers: { Authorization: `Bearer ${devices[0].token}` } });
const deskTimes = [];
(async () => {
  const decoder = new TextDecoder();
  for await (const chunk of watcher.body) {
    const at = performance.now();
    const text = decoder.decode(chunk);
    for (const _ of text.matchAll(/event: desk/g)) deskTimes.push(at);
  }
})().catch(() => {});
await new Promise((r) => setTimeout(r, 200));

const values = ["1", "2", "1,5", "0,5"];
// Each device's candidate and the values it last saw, per criterion.
const previous = devices.map(() => new Map());
const writeOnce = async (d, index, i) => {
  const candidate = candidates[d.round % candidates.length];
  const criterion = criteria[(i + index) % criteria.length];
  const value = values[(i + index + 1) % values.length];
  // The demo's candidates not heard yet have no scores: every cell starts empty.
  const replaces = previous[index].get(criterion) ?? "";
  const eventAt = new Promise((r) => scoreEvents.set(`${d.member}-${candidate}`, r));
  const desksBefore = deskTimes.length;
  const sent = performance.now();
  const r = await fetch(`${origin}/api/scores`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin, Authorization: `Bearer ${d.token}` },
    body: JSON.stringify({ candidate_id: candidate, criterion_id: criterion, value, replaces, key: `${index}-${i}-${performance.now()}` }),
  });
  const answered = performance.now();
  const body = await r.json();
  if (r.status !== 200) throw new Error(`score ${r.status}: ${JSON.stringify(body)}`);
  previous[index].set(criterion, body.saved.value);
  if (!body.saved.changed) return null;
  return { sent, answered, window: await eventAt, desksBefore };
};

// 1. One write alone, 50 times: to the window's event and to a watching page's stream.
const alone = { answer: [], window: [], page: [] };
for (let i = 0; i < 50; i++) {
  const w = await writeOnce(devices[1], 1, 1000 + i);
  if (!w) continue;
  while (deskTimes.length <= w.desksBefore) await new Promise((r) => setTimeout(r, 1));
  alone.answer.push(w.answered - w.sent);
  alone.window.push(w.window - w.sent);
  alone.page.push(deskTimes[w.desksBefore] - w.sent);
}

// 2. Every device sends one score at the same instant (everyone validating at once),
//    20 rounds a second apart.
const burst = { answer: [], window: [] };
for (let round = 0; round < 20; round++) {
  const done = await Promise.all(devices.map((d, index) => writeOnce(d, index, round)));
  for (const w of done.filter(Boolean)) {
    burst.answer.push(w.answered - w.sent);
    burst.window.push(w.window - w.sent);
  }
  await new Promise((r) => setTimeout(r, 300));
}

// 3. Saturation: each device writes again as soon as answered, WRITES times.
const started = performance.now();
let written = 0;
await Promise.all(
  devices.map(async (d, index) => {
    for (let i = 0; i < WRITES; i++) {
      await writeOnce(d, index, 100 + i);
      written++;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
const memoryAfter = pssAnon();
child.stdin.write("fin\n");
await new Promise((r) => child.on("exit", r));
rmSync(work, { recursive: true, force: true });

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;
const line = (xs) => `p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}`;
console.log(`one write alone (${alone.answer.length}): answer ${line(alone.answer)}; window's event ${line(alone.window)}; a page's live stream ${line(alone.page)}`);
console.log(`${devices.length} devices at the same instant (${burst.answer.length} writes): answer ${line(burst.answer)}; window's event ${line(burst.window)}`);
console.log(`saturation, ${devices.length} devices writing without pause: ${written} writes in ${elapsed.toFixed(2)} s = ${(written / elapsed).toFixed(0)} scores/s`);
console.log(`memory (Pss_Anon): ${(memoryBefore / 1024).toFixed(1)} MB before pairing, ${(memoryAfter / 1024).toFixed(1)} MB at the end, +${((memoryAfter - memoryBefore) / 1024).toFixed(1)} MB while serving`);
