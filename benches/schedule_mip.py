#!/usr/bin/env python3
"""Exact MIP of the interview scheduling problem (HiGHS), to check the Rust solver.

Usage: python3 benches/schedule_mip.py DIR
DIR holds the instances written by `schedule_bench export DIR N` (`instance_*.json`: the
problem and the solver's plan and quality; the `campaign_*.json` files there are for
`schedule_cpsat.py` and are skipped). The model works slot by slot (the solver works on
blocks), recomputes slots, compositions and availability from the raw problem, and
solves the solver's objective lexicographically, in stages, each optimum fixed before
the next:

1. everyone placed (feasibility), populations kept apart when asked and possible at all
   (the model is solved with one population per jury's half-day first, without if that
   is infeasible);
2. the fewest days used;
3. among as few, the earliest set (lexicographic order of the sorted dates: with the
   number of days fixed, the same as maximising the sum of 2^(n-1-d) over the days d
   used, d the rank of the date among the n days);
4. juries balanced: the least sum of squares of the interviews per jury (pins included,
   every jury counted), linearised with binary u(j, k) = "jury j has at least k
   interviews", of marginal cost 2k - 1 (so that the sum of costs is the square);
5. the least idle time: for each jury and day, the slots lying between its first and last
   interview and not used, counted L + B minutes each;
6. the most preferred half-days met.

Each component is then compared with the solver's plan, read from its interviews (which
are also checked: every interview on a slot the model allows, one per candidate, one per
jury-slot, blocks of one population when the solver says separation is kept) and with
the quality the solver reported. A later component is only compared when the earlier
ones agree. Prints one line per instance, then per component how many instances agree,
and exits with 1 on any disagreement.

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
        import highspy
        self.hs = highspy
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("mip_rel_gap", 0.0)
        self.h.setOptionValue("mip_abs_gap", 0.0)
        self.n = 0

    def var(self, lb=0.0, ub=1.0, integer=True):
        self.h.addCol(0.0, lb, ub, 0, [], [])
        if integer:
            self.h.changeColIntegrality(self.n, self.hs.HighsVarType.kInteger)
        self.n += 1
        return self.n - 1

    def row(self, coefs, lo=None, hi=None):
        inf = self.hs.kHighsInf
        idx = [i for i, _ in coefs]
        val = [float(c) for _, c in coefs]
        self.h.addRow(-inf if lo is None else lo, inf if hi is None else hi, len(idx), idx, val)

    def fix(self, i, value):
        self.h.changeColBounds(i, float(value), float(value))

    def minimize(self, coefs):
        """The optimum of sum(c * var) (an integer), or None when infeasible."""
        for i in range(self.n):
            self.h.changeColCost(i, 0.0)
        for i, c in coefs:
            self.h.changeColCost(i, float(c))
        self.h.changeObjectiveSense(self.hs.ObjSense.kMinimize)
        self.h.run()
        status = self.h.getModelStatus()
        if status == self.hs.HighsModelStatus.kOptimal:
            return round(self.h.getInfo().objective_function_value)
        if status == self.hs.HighsModelStatus.kInfeasible:
            return None
        raise RuntimeError(self.h.modelStatusToString(status))

    def values(self):
        return self.h.getSolution().col_value


class Instance:
    """The problem indexed: days, slots, what each candidate may be given."""

    def __init__(self, p):
        self.p = p
        self.L, self.B = p["interview_minutes"], p["buffer_minutes"]
        self.days = sorted(p["days"], key=lambda d: d["date"])
        self.dates = [d["date"] for d in self.days]
        self.slots = []  # (day index, position, start, end, part)
        for di, d in enumerate(self.days):
            for pos, (s, e) in enumerate(grid(d, self.L, self.B)):
                self.slots.append((di, pos, s, e, part(s)))
        self.slot_of = {(self.dates[sl[0]], sl[2], sl[3]): si for si, sl in enumerate(self.slots)}
        self.juries = [j["id"] for j in p["juries"]]
        self.cands = [c["id"] for c in p["candidates"]]
        self.pop = {c["id"]: c["population"] for c in p["candidates"]}
        self.pops = sorted(set(self.pop.values()))
        self.pref = {c["id"]: c.get("preferred") for c in p["candidates"]}
        members = {m["id"]: m for m in p["members"]}
        req = p.get("required_role")

        def present(jury, date, pt):
            return [m for m in jury["members"]
                    if {"date": date, "part": pt} not in members[m].get("unavailable", [])]

        def sits(pres):
            if len(pres) < p["min_jury_size"]:
                return False
            return not req or any(
                members[m]["voting"] and members[m]["role"] == req["role"] for m in pres)

        recused = {(r["member"], r["candidate"]) for r in p.get("recusals", [])}
        pins = {pin["candidate"]: pin for pin in p.get("pins", [])}
        self.allowed = set()  # (candidate, jury, slot index)
        for c in p["candidates"]:
            for j in p["juries"]:
                for si, (di, pos, s, e, pt) in enumerate(self.slots):
                    date = self.dates[di]
                    pres = present(j, date, pt)
                    ok = (sits(pres)
                          and {"date": date, "part": pt} not in c.get("unavailable", [])
                          and not any((mm, c["id"]) in recused for mm in pres))
                    pin = pins.get(c["id"])
                    if pin is not None:
                        ok = ok and (pin["jury"], pin["date"], pin["start"]) == (j["id"], date, s)
                    if ok:
                        self.allowed.add((c["id"], j["id"], si))

    def measures(self, chosen):
        """The components of a plan given as (candidate, jury, slot index)."""
        days = sorted({self.dates[self.slots[si][0]] for _, _, si in chosen})
        loads = {j: 0 for j in self.juries}
        for _, j, _ in chosen:
            loads[j] += 1
        idle = 0
        for j in self.juries:
            for di in range(len(self.days)):
                idx = [si for si, sl in enumerate(self.slots) if sl[0] == di]
                used = [si for (_, jj, si) in chosen if jj == j and self.slots[si][0] == di]
                if used:
                    idle += sum(1 for si in idx if min(used) < si < max(used) and si not in used)
        met = 0
        for c, _, si in chosen:
            h = self.pref.get(c)
            di, _, _, _, pt = self.slots[si]
            if h and h == {"date": self.dates[di], "part": pt}:
                met += 1
        return {
            "days": len(days),
            "dates": days,
            "loads": [loads[j] for j in self.juries],
            "squares": sum(v * v for v in loads.values()),
            "spread": max(loads.values()) - min(loads.values()) if loads else 0,
            "idle": idle * (self.L + self.B),
            "prefs": met,
        }


def solve(inst, separate):
    """The lexicographic optimum (see the module doc) and the plan reaching it, or None
    when not everyone can be placed (with one population per block when `separate`)."""
    m = Model()
    x = {k: m.var() for k in sorted(inst.allowed)}
    by_cand = {c: [] for c in inst.cands}
    by_jury_slot = {}
    for (c, j, si), v in x.items():
        by_cand[c].append(v)
        by_jury_slot.setdefault((j, si), []).append(v)
    for c, vs in by_cand.items():
        if not vs:
            return None
        m.row([(v, 1) for v in vs], 1, 1)
    for vs in by_jury_slot.values():
        m.row([(v, 1) for v in vs], hi=1)
    if separate:
        y = {}
        for j in inst.juries:
            for di in range(len(inst.days)):
                for pt in ("morning", "afternoon"):
                    ys = [m.var() for _ in inst.pops]
                    m.row([(v, 1) for v in ys], hi=1)
                    for k, po in enumerate(inst.pops):
                        y[(j, di, pt, po)] = ys[k]
        for (c, j, si), v in x.items():
            di, _, _, _, pt = inst.slots[si]
            m.row([(v, 1), (y[(j, di, pt, inst.pop[c])], -1)], hi=0)
    # Days used: z(d) >= every x of day d.
    nd = len(inst.days)
    z = [m.var() for _ in range(nd)]
    for (c, j, si), v in x.items():
        m.row([(v, 1), (z[inst.slots[si][0]], -1)], hi=0)
    # Balance: u(j, k) = jury j has at least k interviews; sum_k u = load, cost 2k - 1.
    n = len(inst.cands)
    squares = []
    for j in inst.juries:
        u = [m.var() for _ in range(n)]
        for k in range(1, n):
            m.row([(u[k - 1], 1), (u[k], -1)], lo=0)
        xs = [v for (c, jj, si), v in x.items() if jj == j]
        m.row([(v, 1) for v in u] + [(v, -1) for v in xs], 0, 0)
        squares += [(u[k], 2 * k + 1) for k in range(n)]
    # Idle: a (a slot at or before k is used), b (one at or after k is used), w idle.
    w = []
    for j in inst.juries:
        for di in range(nd):
            idx = [si for si, sl in enumerate(inst.slots) if sl[0] == di]
            if not idx:
                continue
            a = [m.var(integer=False) for _ in idx]
            b = [m.var(integer=False) for _ in idx]
            for k, si in enumerate(idx):
                used = by_jury_slot.get((j, si), [])
                m.row([(a[k], 1)] + [(v, -1) for v in used], lo=0)
                m.row([(b[k], 1)] + [(v, -1) for v in used], lo=0)
                if k > 0:
                    m.row([(a[k], 1), (a[k - 1], -1)], lo=0)
                if k + 1 < len(idx):
                    m.row([(b[k], 1), (b[k + 1], -1)], lo=0)
                wk = m.var(integer=False)
                # w >= a + b - 1 - used
                m.row([(wk, 1), (a[k], -1), (b[k], -1)] + [(v, 1) for v in used], lo=-1)
                w.append(wk)
    prefs = []
    for (c, j, si), v in x.items():
        h = inst.pref.get(c)
        di, _, _, _, pt = inst.slots[si]
        if h and h == {"date": inst.dates[di], "part": pt}:
            prefs.append((v, -1))
    # 1. Everyone placed.
    if m.minimize([]) is None:
        return None
    # 2. Fewest days.
    days = m.minimize([(v, 1) for v in z])
    m.row([(v, 1) for v in z], hi=days)
    # 3. The earliest of those sets: then the days are fixed.
    m.minimize([(z[d], -(2 ** (nd - 1 - d))) for d in range(nd)])
    zv = m.values()
    for d in range(nd):
        m.fix(z[d], round(zv[z[d]]))
    # 4. Balance.
    sq = m.minimize(squares)
    m.row(squares, hi=sq)
    # 5. Idle time.
    idle = m.minimize([(v, 1) for v in w])
    m.row([(v, 1) for v in w], hi=idle)
    # 6. Preferences.
    met = -m.minimize(prefs)
    xv = m.values()
    chosen = [k for k, v in x.items() if xv[v] > 0.5]
    got = inst.measures(chosen)
    # The plan found reaches the optima of every stage.
    assert (got["days"], got["squares"], got["idle"] // (inst.L + inst.B), got["prefs"]) == (
        days, sq, idle, met), (got, days, sq, idle, met)
    return got


def solver_plan(inst, s, asked):
    """The solver's plan as (candidate, jury, slot index), and the rules it breaks."""
    chosen, errors = [], []
    for i in s["interviews"]:
        si = inst.slot_of.get((i["date"], i["start"], i["end"]))
        key = (i["candidate"], i["jury"], si)
        if key not in inst.allowed:
            errors.append(f"interview not allowed: {i}")
        chosen.append(key)
    if sorted(c for c, _, _ in chosen) != sorted(inst.cands):
        errors.append("not one interview per candidate")
    if len({(j, si) for _, j, si in chosen}) != len(chosen):
        errors.append("two interviews on one jury-slot")
    if asked and s["separation"] == "kept":
        blocks = {}
        for c, j, si in chosen:
            di, _, _, _, pt = inst.slots[si]
            blocks.setdefault((j, di, pt), set()).add(inst.pop[c])
        if any(len(v) > 1 for v in blocks.values()):
            errors.append("separation said kept, a block is mixed")
    return chosen, errors


COMPONENTS = ["valid", "placed", "separation", "days", "earliest", "balance", "idle", "prefs"]


def compare(doc):
    """(line, {component: True/False/None}) for one instance; None: not compared."""
    p, s = doc["problem"], doc["solver"]
    inst = Instance(p)
    asked = p.get("separate_populations", False) and len(inst.pops) > 1
    sep_kept = False
    r = None
    if asked:
        r = solve(inst, True)
        sep_kept = r is not None
    if r is None:
        r = solve(inst, False)
    res = {k: None for k in COMPONENTS}
    planned = s["status"] == "planned"
    res["placed"] = planned == (r is not None)
    mine = None
    if planned:
        chosen, errors = solver_plan(inst, s, asked)
        mine = inst.measures(chosen)
        q = s["quality"]
        reported = (q["days_used"], q["jury_spread"], q["idle_minutes"], q["preferences_met"])
        if reported != (mine["days"], mine["spread"], mine["idle"], mine["prefs"]):
            errors.append(f"quality reported {reported}, recomputed "
                          f"{(mine['days'], mine['spread'], mine['idle'], mine['prefs'])}")
        res["valid"] = not errors
        for e in errors:
            print("    " + e)
    order = [
        ("separation", lambda: (s["separation"] == "kept") == sep_kept if asked else True),
        ("days", lambda: mine["days"] == r["days"]),
        ("earliest", lambda: mine["dates"] == r["dates"]),
        ("balance", lambda: mine["squares"] == r["squares"]),
        ("idle", lambda: mine["idle"] == r["idle"]),
        ("prefs", lambda: mine["prefs"] == r["prefs"]),
    ]
    if planned and r is not None:
        for name, same in order:
            res[name] = same()
            if not res[name]:
                break

    def show(v, sep):
        if v is None:
            return "infeasible"
        loads = "/".join(str(n) for n in v["loads"])
        return (f"{v['days']}d {','.join(d[8:] for d in v['dates'])} {loads} "
                f"{v['idle']}' {v['prefs']}p" + (" sep" if sep else ""))

    n_pref = sum(1 for c in p["candidates"] if c.get("preferred"))
    line = (f"{len(p['candidates']):>5}{len(p.get('pins', [])):>5}{n_pref:>6}"
            f"{'yes' if asked else 'no':>5} | "
            f"{show(mine, planned and asked and s['separation'] == 'kept'):<30} | "
            f"{show(r, sep_kept):<30} | ")
    bad = [k for k, v in res.items() if v is False]
    line += "yes" if not bad else "NO: " + ", ".join(bad)
    if planned and not s.get("exact", True):
        line += " (solver: not exact)"
    return line, res


def main():
    ensure_highspy()
    d = sys.argv[1] if len(sys.argv) > 1 else "/tmp/schedule-instances"
    files = sorted(f for f in os.listdir(d) if f.startswith("instance_") and f.endswith(".json"))
    print("Per instance: days used, their day of month, interviews per jury, idle minutes,")
    print("preferences met, separation kept (solver's plan | exact MIP).")
    print(f"{'instance':<18}{'cand.':>5}{'pins':>5}{'pref.':>6}{'sep.':>5} | "
          f"{'solver':<30} | {'MIP':<30} | same")
    agree = {k: 0 for k in COMPONENTS}
    compared = {k: 0 for k in COMPONENTS}
    all_same = 0
    for f in files:
        doc = json.load(open(os.path.join(d, f)))
        line, res = compare(doc)
        print(f"{f:<18}{line}")
        for k, v in res.items():
            if v is not None:
                compared[k] += 1
                agree[k] += v
        all_same += all(v is not False for v in res.values())
    print("agreement per component (instances compared: a later component only when the")
    print("earlier ones agree and both have a plan):")
    for k in COMPONENTS:
        print(f"  {k:<11} {agree[k]}/{compared[k]}")
    print(f"equal: {all_same}/{len(files)}")
    sys.exit(0 if all_same == len(files) else 1)


if __name__ == "__main__":
    main()
