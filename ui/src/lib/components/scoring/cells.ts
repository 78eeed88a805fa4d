// Which score cells a member may fill for a candidate, as core's board says (core decides,
// in the order of its check on every save); this only greys out the cells up front.
import type { Blocked as Why, ScoreBoard } from "../../bindings";

export type Blocked = Why | null;

export function hearingOf(board: ScoreBoard, candidate: number): number | null {
  return board.hearings.find((h) => h.candidate_id === candidate)?.sitting_id ?? null;
}

/** Why `member` cannot score `candidate` now, if they cannot: core's first reason for the
 * sitting where the candidate is heard (or is being heard, `sitting`). */
export function blocked(board: ScoreBoard, member: number, candidate: number, sitting: number | null): Blocked {
  const at = hearingOf(board, candidate) ?? sitting;
  const cell = board.blocked.find(
    (b) => b.member_id === member && b.candidate_id === candidate && (b.sitting_id === null || b.sitting_id === at),
  );
  return cell?.blocked ?? null;
}

export const pair = (member: number, candidate: number) => `${member}:${candidate}`;

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
