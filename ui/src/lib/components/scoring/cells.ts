// Which score cells a member may fill for a candidate, as core's board says (core decides,
// in the order of its check on every save); this only greys out the cells up front.
import type { Blocked as Why, BlockedCell, ScoreBoard } from "../../bindings";

export type Blocked = Why | null;

export const pair = (member: number, candidate: number) => `${member}:${candidate}`;

// A board is replaced whole, never changed in place (ScoringPanel keeps it raw): its
// hearings and blocked cells are indexed once per board, on first use, instead of searched
// again for each of thousands of candidates.
const hearings = new WeakMap<ScoreBoard, Map<number, number>>();
const blockedCells = new WeakMap<ScoreBoard, Map<string, BlockedCell[]>>();

export function hearingOf(board: ScoreBoard, candidate: number): number | null {
  let index = hearings.get(board);
  if (!index) {
    index = new Map();
    // The first hearing of a candidate counts, as a search from the top would find it.
    for (const h of board.hearings) if (!index.has(h.candidate_id)) index.set(h.candidate_id, h.sitting_id);
    hearings.set(board, index);
  }
  return index.get(candidate) ?? null;
}

/** Why `member` cannot score `candidate` now, if they cannot: core's first reason for the
 * sitting where the candidate is heard (or is being heard, `sitting`). */
export function blocked(board: ScoreBoard, member: number, candidate: number, sitting: number | null): Blocked {
  let index = blockedCells.get(board);
  if (!index) {
    index = new Map();
    for (const b of board.blocked) {
      const k = pair(b.member_id, b.candidate_id);
      const cells = index.get(k);
      if (cells) cells.push(b);
      else index.set(k, [b]);
    }
    blockedCells.set(board, index);
  }
  const at = hearingOf(board, candidate) ?? sitting;
  const cell = index.get(pair(member, candidate))?.find((b) => b.sitting_id === null || b.sitting_id === at);
  return cell?.blocked ?? null;
}

/** Each member's running total for each candidate, as core counted it. */
export function runningTotals(board: ScoreBoard): Map<string, { total: string; scored: number }> {
  return new Map(board.totals.map((t) => [pair(t.member_id, t.candidate_id), { total: t.total, scored: t.scored }]));
}

/**
 * The candidate to take after validating `done`: the next one in `list` not validated yet,
 * wrapping around to the top; none when every other candidate of the list is validated.
 */
export function nextToScore<C extends { id: number }>(list: C[], done: number, locked: number[]): C | null {
  const at = list.findIndex((c) => c.id === done);
  for (let i = 1; i <= list.length; i++) {
    const c = list[(at + i) % list.length]!;
    if (c.id !== done && !locked.includes(c.id)) return c;
  }
  return null;
}

export const key = (member: number, candidate: number, criterion: number) => `${member}:${candidate}:${criterion}`;

/** The stored scores as typed text, by cell. */
export function storedValues(board: ScoreBoard): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of board.scores) out.set(key(s.member_id, s.candidate_id, s.criterion_id), String(s.value).replace(".", ","));
  return out;
}
