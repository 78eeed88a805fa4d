#!/usr/bin/env python3
"""Exact MIP of the interview scheduling problem (HiGHS), to check the Rust solver.

Usage: python3 benches/schedule_mip.py DIR
DIR holds the instances written by `schedule_bench export DIR N` (the problem and the
solver's result). The model works slot by slot (the solver works on blocks), recomputes
slots, compositions and availability from the raw problem, and solves lexicographically:
separation of populations kept if at all possible, then fewest days, then least idle
time. It prints one line per instance and "equal: N/N".

Idle time, as in the solver: for each jury and day, the slots lying between its first and
last interview and not used, counted L + B minutes each.

Sets up its own virtual environment with highspy (under ~/.cache) when highspy is missing.
"""

import json
import os
import subprocess
import sys

VENV = os.path.join(os.path.expanduser("~"), ".cache", "cesp-schedule-mip-venv")


def ensure_highspy():
    try:
        import highspy  # noqa: F401
        return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python")
    if os.environ.get("CESP_MIP_VENV") == "1":
        sys.exit("highspy still missing in " + VENV)
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([py, "-m", "pip", "install", "--quiet", "highspy"])
    env = dict(os.environ, CESP_MIP_VENV="1")
    os.execve(py, [py] + sys.argv, env)


ensure_highspy()
import highspy  # noqa: E402

AFTERNOON_FROM = 13 * 60


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


class Model:
    """A thin layer over HiGHS' low-level API (stable across highspy versions)."""

    def __init__(self):
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("mip_rel_gap", 0.0)
        self.n = 0

    def var(self, lb=0.0, ub=1.0, integer=True):
        self.h.addCol(0.0, lb, ub, 0, [], [])
        if integer:
            self.h.changeColIntegrality(self.n, highspy.HighsVarType.kInteger)
        self.n += 1
        return self.n - 1

    def row(self, coefs, lo=-highspy.kHighsInf, hi=highspy.kHighsInf):
        idx = [i for i, _ in coefs]
        val = [float(c) for _, c in coefs]
        self.h.addRow(lo, hi, len(idx), idx, val)

    def minimize(self, coefs):
        for i in range(self.n):
            self.h.changeColCost(i, 0.0)
        for i, c in coefs:
            self.h.changeColCost(i, float(c))
        self.h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        self.h.run()
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return round(self.h.getInfo().objective_function_value)
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        raise RuntimeError(self.h.modelStatusToString(status))


def solve(p, separate):
    """(days, idle minutes) of the best plan, or None when there is none."""
    L, B = p["interview_minutes"], p["buffer_minutes"]
    days = sorted(p["days"], key=lambda d: d["date"])
    slots = []  # (day index, position, start, end, part)
    per_day = []
    for di, d in enumerate(days):
        g = grid(d, L, B)
        per_day.append(len(g))
        for pos, (s, e) in enumerate(g):
            slots.append((di, pos, s, e, part(s)))
    members = {m["id"]: m for m in p["members"]}
    req = p.get("required_role")

    def present(jury, date, pt):
        return [m for m in jury["members"]
                if {"date": date, "part": pt} not in members[m].get("unavailable", [])]

    def sits(pres):
        if len(pres) < p["min_jury_size"]:
            return False
        if req and not any(members[m]["voting"] and members[m]["role"] == req["role"] for m in pres):
            return False
        return True

    recused = {(r["member"], r["candidate"]) for r in p.get("recusals", [])}
    m = Model()
    x = {}  # (candidate, jury, slot index) -> var
    pins = {pin["candidate"]: pin for pin in p.get("pins", [])}
    for c in p["candidates"]:
        for j in p["juries"]:
            for si, (di, pos, s, e, pt) in enumerate(slots):
                date = days[di]["date"]
                pres = present(j, date, pt)
                ok = (sits(pres)
                      and {"date": date, "part": pt} not in c.get("unavailable", [])
                      and not any((mm, c["id"]) in recused for mm in pres))
                pin = pins.get(c["id"])
                if pin is not None:
                    ok = ok and pin["jury"] == j["id"] and pin["date"] == date and pin["start"] == s
                if ok:
                    x[(c["id"], j["id"], si)] = m.var()
    for c in p["candidates"]:
        vs = [v for (cid, _, _), v in x.items() if cid == c["id"]]
        if not vs:
            return None
        m.row([(v, 1) for v in vs], 1, 1)
    used = {}
    for j in p["juries"]:
        for si in range(len(slots)):
            vs = [x[k] for k in x if k[1] == j["id"] and k[2] == si]
            if vs:
                m.row([(v, 1) for v in vs], hi=1)
            used[(j["id"], si)] = vs
    if separate:
        pops = sorted({c["population"] for c in p["candidates"]})
        pop = {c["id"]: c["population"] for c in p["candidates"]}
        y = {}
        for j in p["juries"]:
            for di in range(len(days)):
                for pt in ("morning", "afternoon"):
                    ys = [m.var() for _ in pops]
                    m.row([(v, 1) for v in ys], hi=1)
                    for k, po in enumerate(pops):
                        y[(j["id"], di, pt, po)] = ys[k]
        for (cid, jid, si), v in x.items():
            di, _, _, _, pt = slots[si]
            m.row([(v, 1), (y[(jid, di, pt, pop[cid])], -1)], hi=0)
    # Days used.
    z = [m.var() for _ in days]
    for (cid, jid, si), v in x.items():
        m.row([(v, 1), (z[slots[si][0]], -1)], hi=0)
    # Idle: a (a slot at or before p is used), b (one at or after p is used), w idle.
    w = []
    for j in p["juries"]:
        for di in range(len(days)):
            idx = [si for si, sl in enumerate(slots) if sl[0] == di]
            n = len(idx)
            if n == 0:
                continue
            a = [m.var(integer=False) for _ in range(n)]
            b = [m.var(integer=False) for _ in range(n)]
            for k, si in enumerate(idx):
                u = [(v, 1) for v in used[(j["id"], si)]]
                m.row([(a[k], 1)] + [(v, -1) for v, _ in u], lo=0)
                m.row([(b[k], 1)] + [(v, -1) for v, _ in u], lo=0)
                if k > 0:
                    m.row([(a[k], 1), (a[k - 1], -1)], lo=0)
                if k + 1 < n:
                    m.row([(b[k], 1), (b[k + 1], -1)], lo=0)
                wk = m.var(integer=False)
                # w >= a + b - 1 - used
                m.row([(wk, 1), (a[k], -1), (b[k], -1)] + u, lo=-1)
                w.append(wk)
    best_days = m.minimize([(v, 1) for v in z])
    if best_days is None:
        return None
    m.row([(v, 1) for v in z], hi=best_days)
    idle = m.minimize([(v, 1) for v in w])
    return best_days, idle * (L + B)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "/tmp/schedule-instances"
    files = sorted(f for f in os.listdir(d) if f.endswith(".json"))
    equal = 0
    print(f"{'instance':<18}{'cand.':>6}{'pins':>5}{'sep.':>6} | {'solver days/idle':>17} | {'MIP days/idle':>14} | same")
    for f in files:
        doc = json.load(open(os.path.join(d, f)))
        p, s = doc["problem"], doc["solver"]
        pops = {c["population"] for c in p["candidates"]}
        asked = p.get("separate_populations", False) and len(pops) > 1
        sep_kept = False
        r = None
        if asked:
            r = solve(p, True)
            sep_kept = r is not None
        if r is None:
            r = solve(p, False)
        if r is None:
            mip = "infeasible"
        else:
            mip = f"{r[0]} / {r[1]} min" + (" (sep.)" if sep_kept else "")
        if s["status"] == "planned":
            kept = s["separation"] == "kept"
            mine = f"{s['days_used']} / {s['idle_minutes']} min" + (" (sep.)" if kept and asked else "")
            same = r is not None and (s["days_used"], s["idle_minutes"]) == r and (kept and asked) == sep_kept
        else:
            mine = "infeasible"
            same = r is None
        equal += same
        print(f"{f:<18}{len(p['candidates']):>6}{len(p.get('pins', [])):>5}{'yes' if asked else 'no':>6} | {mine:>17} | {mip:>14} | {'yes' if same else 'NO'}")
    print(f"equal: {equal}/{len(files)}")
    sys.exit(0 if equal == len(files) else 1)


if __name__ == "__main__":
    main()
