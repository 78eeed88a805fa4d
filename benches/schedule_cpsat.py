#!/usr/bin/env python3
"""Jury balance of the Rust scheduler against a CP-SAT peer's fairness objective.

Usage: python3 benches/schedule_cpsat.py DIR
DIR holds what `schedule_bench export DIR N` writes: small and medium random instances
(`instance_*.json`) and the campaigns of the timings (`campaign_*.json`: 33 candidates;
1 000 candidates; the same without preferences), each with the solver's plan.

The peer is modelled as open-source CP-SAT interview schedulers do: one Boolean per
(candidate, jury, slot) allowed, exactly one interview per candidate, at most one per
jury-slot, and the staff workload fairness objective: minimise max - min of the
interviews per jury (AddMaxEquality / AddMinEquality over the loads). Feasibility is the
solver's: slots from the days' hours, breaks and buffers; a jury sits on a half-day when
its members present are enough and include a voting member of the required role;
candidates' half-days away; recusals (a recused member present); pins fixed. Three runs
per instance:

- peer: that slot model on every day, nothing else asked (the peer's objective alone);
- block: the same problem with one Boolean per (candidate, jury's half-day) and the
  block's free slots as capacity (equivalent for loads: slots of a block are
  interchangeable), on every day;
- same: the block model restricted to the days of our plan, and to one population per
  jury's half-day when our plan keeps them apart: our constraints, the peer's objective.

It prints, per instance, our max - min (every jury counted, pins included) and each run's
max - min, its status (OPTIMAL: proved; FEASIBLE: time limit reached) and its time.
Ours comes after fewer days (and populations apart), so it may be above "peer" and
"block"; under the same constraints ("same") it should be equal. Exits with 1 when a run
finds a plan where the solver found none (or the reverse), or when "same" proves a
smaller max - min than ours on a plan without separation (there the solver's balance,
decreasingly minimal loads, is proved to minimise max - min too).

Time limit per run: 10 s, 60 s on campaigns (CPSAT_TIME_LIMIT, CPSAT_TIME_LIMIT_LARGE).
Sets up its own virtual environment with ortools (~/.cache/cesp-schedule-cpsat-venv)
when ortools is missing; nothing is downloaded once it is there.
"""

import json
import os
import subprocess
import sys
import time

VENV = os.path.join(os.path.expanduser("~"), ".cache", "cesp-schedule-cpsat-venv")
AFTERNOON_FROM = 13 * 60


def ensure_ortools():
    try:
        import ortools  # noqa: F401
        return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python")
    if os.environ.get("CESP_CPSAT_VENV") == "1":
        sys.exit("ortools still missing in " + VENV)
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([py, "-m", "pip", "install", "--quiet", "ortools"])
    env = dict(os.environ, CESP_CPSAT_VENV="1")
    os.execve(py, [py] + sys.argv, env)


def grid(day, length, buffer):
    out = []
    if length == 0 or day["closing"] <= day["opening"]:
        return out
    t = day["opening"]
    while True:
        end = t + length
        if end > day["closing"]:
            break
        jump = [b["end"] for b in day.get("breaks", []) if b["start"] < end and t < b["end"]]
        if jump:
            t = max(jump)
            continue
        out.append((t, end))
        t = end + buffer
    return out


def part(start):
    return "morning" if start < AFTERNOON_FROM else "afternoon"


class Instance:
    """The problem indexed by blocks (a jury's half-day) and slots."""

    def __init__(self, p):
        self.p = p
        days = sorted(p["days"], key=lambda d: d["date"])
        self.dates = [d["date"] for d in days]
        L, B = p["interview_minutes"], p["buffer_minutes"]
        self.juries = [j["id"] for j in p["juries"]]
        self.cands = [c["id"] for c in p["candidates"]]
        self.pop = {c["id"]: c["population"] for c in p["candidates"]}
        self.pops = sorted(set(self.pop.values()))
        members = {m["id"]: m for m in p["members"]}
        req = p.get("required_role")
        recused = {}
        for r in p.get("recusals", []):
            recused.setdefault(r["candidate"], set()).add(r["member"])
        # Blocks: (jury, date, part) -> slots (date, start) and members present, if it sits.
        self.blocks = {}
        for j in p["juries"]:
            for di, d in enumerate(days):
                for pt in ("morning", "afternoon"):
                    slots = [(d["date"], s) for s, _ in grid(d, L, B) if part(s) == pt]
                    h = {"date": d["date"], "part": pt}
                    pres = {m for m in j["members"] if h not in members[m].get("unavailable", [])}
                    sits = len(pres) >= p["min_jury_size"] and (not req or any(
                        members[m]["voting"] and members[m]["role"] == req["role"] for m in pres))
                    if slots and sits:
                        self.blocks[(j["id"], d["date"], pt)] = (slots, pres)
        pins = {pin["candidate"]: pin for pin in p.get("pins", [])}
        self.pinned = {}  # candidate -> (block, slot)
        self.allowed = {}  # candidate -> blocks
        for c in p["candidates"]:
            away = c.get("unavailable", [])
            rec = recused.get(c["id"], set())
            ok = [b for b, (_, pres) in self.blocks.items()
                  if {"date": b[1], "part": b[2]} not in away and not (pres & rec)]
            pin = pins.get(c["id"])
            if pin is not None:
                b = (pin["jury"], pin["date"], part(pin["start"]))
                ok = [b] if b in ok and (pin["date"], pin["start"]) in self.blocks[b][0] else []
                if ok:
                    self.pinned[c["id"]] = (b, (pin["date"], pin["start"]))
            self.allowed[c["id"]] = ok


def solve(inst, model_kind, limit, dates=None, separate=False):
    """(max - min or None, status name, seconds in all, loads, best bound, seconds to
    build the model) of the fairness optimum."""
    from ortools.sat.python import cp_model
    t0 = time.perf_counter()
    m = cp_model.CpModel()
    load_terms = {j: [] for j in inst.juries}
    by_block = {}  # block -> [(candidate, var)]
    if any(not inst.allowed[c] for c in inst.cands):
        return None, "INFEASIBLE", time.perf_counter() - t0, None, None, 0.0
    slot_vars = {}  # (jury, slot) -> vars
    for c in inst.cands:
        mine = []
        for b in inst.allowed[c]:
            if dates is not None and b[1] not in dates:
                continue
            if model_kind == "slot":
                slots = inst.blocks[b][0]
                if c in inst.pinned:
                    slots = [inst.pinned[c][1]]
                for s in slots:
                    v = m.new_bool_var("")
                    mine.append(v)
                    slot_vars.setdefault((b[0], s), []).append(v)
                    load_terms[b[0]].append(v)
                    by_block.setdefault(b, []).append((c, v))
            else:
                v = m.new_bool_var("")
                mine.append(v)
                load_terms[b[0]].append(v)
                by_block.setdefault(b, []).append((c, v))
        if not mine:
            return None, "INFEASIBLE", time.perf_counter() - t0, None, None, 0.0
        m.add_exactly_one(mine)
    if model_kind == "slot":
        for vs in slot_vars.values():
            if len(vs) > 1:
                m.add_at_most_one(vs)
    else:
        for b, cvs in by_block.items():
            cap = len(inst.blocks[b][0])
            if len(cvs) > cap:
                m.add(sum(v for _, v in cvs) <= cap)
    if separate:
        for b, cvs in by_block.items():
            ys = {po: m.new_bool_var("") for po in inst.pops}
            m.add_at_most_one(ys.values())
            for c, v in cvs:
                m.add_implication(v, ys[inst.pop[c]])
    n = len(inst.cands)
    loads = []
    for j in inst.juries:
        x = m.new_int_var(0, n, "")
        m.add(x == sum(load_terms[j]))
        loads.append(x)
    hi, lo = m.new_int_var(0, n, ""), m.new_int_var(0, n, "")
    m.add_max_equality(hi, loads)
    m.add_min_equality(lo, loads)
    m.minimize(hi - lo)
    built = time.perf_counter() - t0
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = 2
    status = solver.solve(m)
    secs = time.perf_counter() - t0
    name = solver.status_name(status)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        got = [solver.value(x) for x in loads]
        return max(got) - min(got), name, secs, got, round(solver.best_objective_bound), built
    return None, name, secs, None, None, built


def ours(inst, s):
    """Our plan's max - min, days, whether populations are kept apart, loads."""
    if s["status"] != "planned":
        return None
    loads = {j: 0 for j in inst.juries}
    for i in s["interviews"]:
        loads[i["jury"]] += 1
    got = [loads[j] for j in inst.juries]
    dates = sorted({i["date"] for i in s["interviews"]})
    separate = s["separation"] == "kept" and len(inst.pops) > 1
    return max(got) - min(got), dates, separate, got


def main():
    ensure_ortools()
    d = sys.argv[1] if len(sys.argv) > 1 else "/tmp/schedule-instances"
    small = float(os.environ.get("CPSAT_TIME_LIMIT", "10"))
    large = float(os.environ.get("CPSAT_TIME_LIMIT_LARGE", "60"))
    files = sorted(f for f in os.listdir(d) if f.endswith(".json")
                   and (f.startswith("instance_") or f.startswith("campaign_")))
    # Campaigns first: they are what the comparison is about.
    files.sort(key=lambda f: (not f.startswith("campaign_"), f))
    print("max - min of the interviews per jury; CP-SAT: value, status (FEAS.: time limit")
    print("reached, with the best bound proved), seconds (model built and solved). peer: slot")
    print("model, every day; block: block model, every day; same: block model on our days")
    print("and populations.")
    head = (f"{'instance':<26}{'cand.':>6}{'jur.':>5} | {'ours (days, loads)':<34} | "
            f"{'peer':<26} | {'block':<26} | {'same':<26} | verdict")
    print(head)
    bad = 0
    tally = {"ours = same": 0, "ours = peer": 0, "ours > peer": 0, "peer proved": 0,
             "instances with a plan": 0}
    for f in files:
        doc = json.load(open(os.path.join(d, f)))
        p, s = doc["problem"], doc["solver"]
        inst = Instance(p)
        limit = large if f.startswith("campaign_") else small
        mine = ours(inst, s)
        peer = solve(inst, "slot", limit)
        block = solve(inst, "block", limit)
        same = (solve(inst, "block", limit, set(mine[1]), mine[2])
                if mine is not None else (None, "-", 0.0, None, None, 0.0))

        def cell(r):
            v, st, secs, _, bound, _ = r
            if st == "-":
                return "-"
            if st == "FEASIBLE":
                st = f"FEAS. (>={bound})"
            return f"{'-' if v is None else v} {st} {secs:.2f}s"

        if mine is None:
            what = "no plan" + (f" ({s['reasons'][0][:16]}…)" if s.get("reasons") else "")
        else:
            what = (f"{mine[0]} ({len(mine[1])}d{', sep' if mine[2] else ''}, "
                    f"{'/'.join(map(str, mine[3]))})")
        verdict = []
        if mine is not None and block[1] == "INFEASIBLE":
            verdict.append("DISAGREE: CP-SAT proves no plan, the solver has one")
            bad += 1
        elif mine is None and block[0] is not None:
            verdict.append("DISAGREE: CP-SAT places everyone, the solver has no plan")
            bad += 1
        elif mine is None and block[1] != "INFEASIBLE":
            verdict.append(f"CP-SAT undecided ({block[1]})")
        if mine is not None:
            tally["instances with a plan"] += 1
            if same[0] is not None:
                if same[0] == mine[0]:
                    tally["ours = same"] += 1
                    verdict.append("= same")
                elif same[0] < mine[0]:
                    proved = same[1] == "OPTIMAL"
                    if not mine[2] and proved:
                        verdict.append("DISAGREE: same constraints, smaller max - min")
                        bad += 1
                    else:
                        verdict.append("same constraints, smaller max - min"
                                       + (" (populations apart)" if mine[2] else " (not proved)"))
                else:
                    verdict.append("ours below same (time limit)")
            if peer[0] is not None:
                if peer[0] == mine[0]:
                    tally["ours = peer"] += 1
                elif peer[0] < mine[0]:
                    tally["ours > peer"] += 1
                    verdict.append("peer lower (all days / no separation)")
        tally["peer proved"] += peer[1] == "OPTIMAL"
        print(f"{f:<26}{len(inst.cands):>6}{len(inst.juries):>5} | {what:<34} | "
              f"{cell(peer):<26} | {cell(block):<26} | {cell(same):<26} | "
              f"{'; '.join(verdict) or 'ok'}", flush=True)
        if f.startswith("campaign_"):
            for name, r in (("peer", peer), ("block", block), ("same", same)):
                if r[1] != "-":
                    print(f"    {name}: model built in {r[5]:.1f} s, solved in {r[2] - r[5]:.1f} s, "
                          f"status {r[1]}, max - min {r[0]}, best bound {r[4]}, loads {r[3]}")
    print("summary: " + ", ".join(f"{k}: {v}" for k, v in tally.items())
          + f" (of {len(files)} instances)")
    print(f"disagreements: {bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
