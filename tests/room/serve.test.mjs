// `cesp serve`, the connected sitting without a window, through the real binary over
// 127.0.0.1: its pairing links, its commands on stdin, and a crash test: the process is
// killed (SIGKILL) while six devices send scores, and every score a device was told was
// saved is in the campaign file afterwards (read back with sqlite3, which shares no code
// with cesp).
// Run: node --test tests/room/serve.test.mjs   (after cargo build --workspace).
// Env: CESP_BIN (default target/debug/cesp).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const cesp = process.env.CESP_BIN ?? join(root, "target/debug/cesp");
let work;

before(() => {
  work = mkdtempSync(join(tmpdir(), "cesp-serve-"));
});
after(() => rmSync(work, { recursive: true, force: true }));

/** A fresh demo campaign in the work folder. */
function demo(name) {
  const file = join(work, name);
  const made = spawnSync(cesp, ["demo", file], { encoding: "utf8" });
  assert.equal(made.status, 0, made.stderr);
  return file;
}

/** Starts `cesp --json serve`; resolves with the process, its status and a line reader. */
function serve(file, extra = []) {
  const child = spawn(cesp, ["--json", "serve", file, ...extra], {
    env: { ...process.env, CESP_OPERATOR: "Secrétariat" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines = [];
  const waiting = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const value = JSON.parse(line);
    const i = waiting.findIndex((w) => w.accept(value));
    if (i >= 0) waiting.splice(i, 1)[0].resolve(value);
    else lines.push(value);
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  /** The next output line `accept` takes. */
  const next = (accept, ms = 10_000) =>
    new Promise((resolvePromise, reject) => {
      const i = lines.findIndex(accept);
      if (i >= 0) return resolvePromise(lines.splice(i, 1)[0]);
      const timer = setTimeout(() => reject(new Error(`nothing within ${ms} ms; stderr: ${stderr}`)), ms);
      waiting.push({
        accept,
        resolve: (v) => {
          clearTimeout(timer);
          resolvePromise(v);
        },
      });
    });
  return { child, next, stderr: () => stderr };
}

function api(url) {
  const origin = url.replace(/\/$/, "");
  return {
    async pair(secret) {
      const r = await fetch(`${origin}/api/pair`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: origin },
        body: JSON.stringify({ secret }),
      });
      assert.equal(r.status, 200);
      return (await r.json()).token;
    },
    async desk(token) {
      const r = await fetch(`${origin}/api/desk`, { headers: { Authorization: `Bearer ${token}` } });
      return { status: r.status, body: await r.json() };
    },
    async score(token, write) {
      const r = await fetch(`${origin}/api/scores`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: origin, Authorization: `Bearer ${token}` },
        body: JSON.stringify(write),
      });
      return { status: r.status, body: await r.json() };
    },
  };
}

const secretOf = (member) => member.link.split("#k=")[1];

test("cesp serve prints each member's link and code, and follows the secretary's commands", async () => {
  const file = demo("commandes.cesp");
  const s = serve(file, ["--sitting", "26/11/2026", "--bind", "127.0.0.1:0", "--candidate", "2"]);
  try {
    const { status } = await s.next((v) => v.status);
    assert.match(status.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(status.sitting_label, "Séance du jeudi 26 novembre 2026 à 9\u00a0h");
    assert.equal(status.candidate_id, 2);
    // Six voting members present (Mme BRETON is excused), each with a link and a code.
    assert.deepEqual(
      status.members.map((m) => m.name),
      ["Pr Jean-Marc LEFEBVRE", "Dr Sophie MARCHAND", "Dr Karim BELKACEM", "Dr Anne-Sophie DUVAL", "Dr Céline PÉTRAULT", "M. Thomas LEROY"],
    );
    for (const m of status.members) {
      assert.match(m.link, new RegExp(`^${status.url}#k=[0-9a-f]{64}$`));
      assert.match(m.code, /^[A-HJ-NP-Z2-9]{4} [A-HJ-NP-Z2-9]{4}$/);
      assert.equal(m.qr_svg, undefined, "no SVG markup in --json");
    }
    const a = api(status.url);
    const token = await a.pair(secretOf(status.members[1]));
    assert.equal((await a.desk(token)).body.candidate.name, "GAUTHIER Aïcha");
    // The secretary moves on; the page follows.
    s.child.stdin.write("candidat 4\n");
    const moved = await s.next((v) => v.status && v.status.candidate_id === 4);
    assert.equal(moved.status.devices.length, 1);
    assert.equal((await a.desk(token)).body.candidate.id, 4);
    // A command that makes no sense is refused in French, on stderr, and serving goes on.
    s.child.stdin.write("candidat Zorglub\n");
    s.child.stdin.write("etat\n");
    await s.next((v) => v.status && v.status.candidate_id === 4);
    assert.match(s.stderr(), /Aucun candidat ne correspond à « Zorglub »/);
    s.child.stdin.write("fin\n");
    await s.next((v) => v.closed === true);
    const code = await new Promise((r) => s.child.on("exit", r));
    assert.equal(code, 0);
    // The token died with the sitting.
    await assert.rejects(a.desk(token));
  } finally {
    s.child.kill("SIGKILL");
  }
});

test("an unknown sitting and a port in use are refused in French", async () => {
  const file = demo("refus.cesp");
  const none = spawnSync(cesp, ["serve", file, "--sitting", "12", "--bind", "127.0.0.1:0"], { encoding: "utf8", input: "" });
  assert.equal(none.status, 1);
  assert.match(none.stderr, /Aucune séance ne correspond à « 12 » : donnez son numéro ou sa date \(n° 1 du jeudi 26 novembre 2026, n° 2 du vendredi 27 novembre 2026\)/);
  const s = serve(file, ["--sitting", "1", "--bind", "127.0.0.1:0"]);
  try {
    const { status } = await s.next((v) => v.status);
    const port = new URL(status.url).port;
    const other = demo("autre.cesp");
    const busy = spawnSync(cesp, ["serve", other, "--sitting", "1", "--bind", `127.0.0.1:${port}`], { encoding: "utf8", input: "" });
    assert.equal(busy.status, 1);
    assert.match(busy.stderr, new RegExp(`Le port ${port} est déjà utilisé sur cet ordinateur`));
  } finally {
    s.child.kill("SIGKILL");
  }
});

test("killed while scores arrive, the campaign keeps every score a device was told was saved", async () => {
  const file = demo("crash.cesp");
  const s = serve(file, ["--sitting", "1", "--bind", "127.0.0.1:0", "--candidate", "2"]);
  const { status } = await s.next((v) => v.status);
  const a = api(status.url);
  const devices = [];
  for (const m of status.members) devices.push({ member: m.member_id, token: await a.pair(secretOf(m)) });
  const criteria = (await a.desk(devices[0].token)).body.criteria.map((c) => c.id);
  // Candidates of the demo not heard yet (none validated): each cell is written once.
  const candidates = [2, 4, 7, 9, 11, 13, 16, 18, 20, 21, 23, 25, 27, 29];
  const acknowledged = [];
  let refusedByCrash = 0;
  let stop = false;
  const sender = async (device) => {
    let n = 0;
    for (const candidate of candidates) {
      for (const criterion of criteria) {
        if (stop) return;
        const value = ["1", "1,5", "2", "0,5"][n++ % 4];
        try {
          const r = await a.score(device.token, { candidate_id: candidate, criterion_id: criterion, value, replaces: "", key: `${device.member}-${candidate}-${criterion}` });
          assert.equal(r.status, 200, JSON.stringify(r.body));
          acknowledged.push({ member: device.member, candidate, criterion, value });
        } catch (e) {
          if (e instanceof assert.AssertionError) throw e;
          refusedByCrash++;
          return;
        }
      }
    }
  };
  const sending = devices.map(sender);
  // Let the scores flow, then kill the process without warning.
  await new Promise((r) => setTimeout(r, 700));
  s.child.kill("SIGKILL");
  await new Promise((r) => s.child.on("exit", r));
  stop = true;
  await Promise.all(sending);
  assert.ok(acknowledged.length >= 20, `only ${acknowledged.length} scores acknowledged before the kill`);
  assert.ok(acknowledged.length < devices.length * candidates.length * criteria.length, "the kill came while scores were still arriving");
  // Read back by sqlite3: every acknowledged score is there, with its value.
  const rows = spawnSync("sqlite3", ["-json", file, "SELECT member, candidate, criterion, value FROM score"], { encoding: "utf8" });
  assert.equal(rows.status, 0, rows.stderr);
  const stored = new Map(JSON.parse(rows.stdout || "[]").map((r) => [`${r.member}-${r.candidate}-${r.criterion}`, r.value]));
  for (const w of acknowledged) {
    const cents = Math.round(Number(w.value.replace(",", ".")) * 100);
    assert.equal(stored.get(`${w.member}-${w.candidate}-${w.criterion}`), cents, `score ${JSON.stringify(w)} lost`);
  }
  // The file opens again, whole, and the journal names each device's scores.
  const info = spawnSync(cesp, ["--json", "info", file], { encoding: "utf8" });
  assert.equal(info.status, 0, info.stderr);
  const journal = spawnSync("sqlite3", [file, "SELECT COUNT(*) FROM journal WHERE action = 'score.set' AND operator LIKE '% (appareil)'"], { encoding: "utf8" });
  assert.ok(Number(journal.stdout.trim()) >= acknowledged.length, journal.stdout);
  console.log(`# ${acknowledged.length} scores acknowledged before the kill, all in the file; ${refusedByCrash} requests cut by it`);
});
