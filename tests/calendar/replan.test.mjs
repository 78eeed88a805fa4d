// A replan after the convocations went out, through the real `cesp` binary, and the
// calendars it writes read by an independent parser: tests/calendar/calendar_view.py
// (Python's `icalendar` from PyPI, in .tools/venv: scripts/setup.sh test) applies the files
// the way a calendar application does (RFC 5546: same UID and a higher SEQUENCE updates the
// event, CANCEL or STATUS:CANCELLED cancels it). The candidates' and members' calendars,
// first as convoked, then with the amended files, must show each interview once, where the
// new plan puts it: updated, never duplicated.
// Run: node --test tests/calendar/replan.test.mjs   (after cargo build --workspace).
// Env: CESP_BIN (default target/debug/cesp), CALENDAR_VENV (default .tools/venv).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const cesp = process.env.CESP_BIN ? resolve(process.env.CESP_BIN) : join(root, "target/debug/cesp");
const venv = process.env.CALENDAR_VENV ? resolve(process.env.CALENDAR_VENV) : join(root, ".tools/venv");
const work = mkdtempSync(join(tmpdir(), "cesp-calendar-"));
const file = join(work, "démo.cesp");
after(() => rmSync(work, { recursive: true, force: true }));

function run(args, { ok = true } = {}) {
  const r = spawnSync(cesp, ["--operator", "Claire Dumont", ...args], { encoding: "utf8" });
  if (ok) assert.equal(r.status, 0, `cesp ${args.join(" ")}: ${r.stderr}`);
  return r;
}
const json = (args) => JSON.parse(run(["--json", ...args]).stdout);
function view(...folders) {
  const r = spawnSync(join(venv, "bin/python"), [join(here, "calendar_view.py"), ...folders], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
// "2026-11-26T13:30:00+01:00" for an interview of the plan (Paris time, winter).
const at = (i) => `${i.date}T${String(Math.floor(i.start / 60)).padStart(2, "0")}:${String(i.start % 60).padStart(2, "0")}:00+01:00`;

test("a member away after the convocations: few moves, amended convocations, calendars updated", () => {
  run(["demo", file]);
  const first = json(["schedule", file]).plan.interviews;
  const before = join(work, "convocations");
  run(["convocations", file, "--out", before]);
  const was = view(before);

  // Planning again from scratch is refused once convocations are out.
  const refused = run(["schedule", file], { ok: false });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /Les convocations sont parties \(\d+ candidats convoqués, dernier envoi le .*\).*--replan/);

  // Member 3 of « Jury 1 » is called away on Thursday afternoon: with member 7 away all
  // Thursday, Jury 1 cannot sit then. Only those interviews need to move.
  const setup = json(["schedule", file, "--replan", "--dry-run"]).setup;
  const jury1 = setup.juries.find((j) => j.name === "Jury 1");
  assert.ok(jury1.members.includes(3));
  setup.unavailable.push({ member: 3, candidate: null, date: "26/11/2026", part: "afternoon", reason: "appelé au bloc" });
  const setupFile = join(work, "organisation.json");
  writeFileSync(setupFile, JSON.stringify(setup));
  const hit = first.filter((i) => i.jury_id === jury1.id && i.date === "2026-11-26" && i.start >= 13 * 60);
  assert.ok(hit.length >= 3, `${hit.length} interviews on Thursday afternoon`);
  const preview = json(["schedule", file, "--setup", setupFile, "--replan", "--dry-run"]);
  assert.deepEqual(preview.changes.map((c) => c.candidate_id).sort(), hit.map((i) => i.candidate_id).sort());
  for (const c of preview.changes) {
    assert.match(c.before, /^jeudi 26 novembre 2026 à 1[3-7] h( \d\d)? — Jury 1$/);
    assert.ok(c.after && c.convoked, JSON.stringify(c));
  }
  assert.equal(preview.quality.moved, hit.length);
  const replanned = json(["schedule", file, "--replan"]);
  assert.deepEqual(replanned.changes, preview.changes);
  const now = replanned.plan.interviews;
  for (const i of first) {
    const moved = hit.some((h) => h.candidate_id === i.candidate_id);
    const j = now.find((n) => n.candidate_id === i.candidate_id);
    assert.equal(j.date === i.date && j.start === i.start && j.jury_id === i.jury_id, !moved, i.candidate_name);
  }
  const journal = run(["journal", file]).stdout;
  assert.match(journal, /Entretiens replanifiés en déplaçant le moins possible : \d+ changements \(/);

  // Only the moved candidates get an amended convocation; the batch has another name.
  const amended = join(work, "rectificatives");
  run(["convocations", file, "--out", amended, "--amended"]);
  const files = readdirSync(amended);
  const letters = files.filter((f) => f.endsWith(".pdf") && f !== "Convocations CESP - modifications.pdf");
  assert.deepEqual(letters.sort(), hit.map((i) => `Convocation rectificative CESP - ${i.candidate_name}.pdf`).sort());
  const text = spawnSync("pdftotext", ["-layout", join(amended, letters[0]), "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, " ");
  assert.match(text, /Objet : Convocation rectificative à l'entretien/);
  assert.match(text, /prévu le jeudi 26 novembre 2026 à 1\d h( \d\d)? \(Salle du conseil — Jury 1\), est déplacé\. La présente convocation remplace la précédente/);
  // Nothing changed since: nothing more to write.
  const again = run(["convocations", file, "--out", join(work, "encore"), "--amended"], { ok: false });
  assert.match(again.stderr, /Aucun entretien n'a changé depuis l'envoi des convocations/);

  // The calendars as an application shows them after both imports.
  const shown = view(before, amended);
  for (const i of now) {
    const events = shown[i.candidate_name];
    assert.equal(events.length, 1, `${i.candidate_name}: ${JSON.stringify(events)}`);
    assert.equal(events[0].status, "CONFIRMED");
    assert.equal(events[0].start, at(i), i.candidate_name);
    assert.equal(events[0].uid, was[i.candidate_name][0].uid, "the same event, updated");
    const moved = hit.some((h) => h.candidate_id === i.candidate_id);
    assert.equal(events[0].sequence, moved ? 1 : 0);
  }
  // Members: a moved interview is confirmed at its new time for the members who now hear
  // it, cancelled for those who no longer do, and never shown twice.
  const members = Object.keys(shown).filter((name) => name.includes(" ") && !now.some((i) => i.candidate_name === name));
  assert.ok(members.length >= 6, members.join(", "));
  for (const h of hit) {
    const j = now.find((n) => n.candidate_id === h.candidate_id);
    let confirmed = 0;
    let cancelled = 0;
    for (const m of members) {
      const mine = shown[m].filter((e) => e.summary.endsWith(`Entretien CESP — ${h.candidate_name}`));
      assert.ok(mine.length <= 1, `${m}: ${JSON.stringify(mine)}`);
      for (const e of mine) {
        if (e.status === "CONFIRMED") {
          confirmed += 1;
          assert.equal(e.start, at(j), `${m}: ${h.candidate_name}`);
        } else {
          cancelled += 1;
          assert.equal(e.start, at(h));
        }
      }
    }
    assert.ok(confirmed >= 3, `${h.candidate_name} heard by ${confirmed} members`);
    assert.ok(cancelled >= 2, `${h.candidate_name} cancelled for ${cancelled} members`);
  }
});
