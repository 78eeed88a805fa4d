// Which score cells a member may fill for a candidate, read from the board core sent.
// Core enforces the same rules on every save; this only greys out the cells up front.
import type { ScoreBoard } from "../../bindings";

export type Blocked = "recused" | "absent" | "locked" | null;

export function hearingOf(board: ScoreBoard, candidate: number): number | null {
  return board.hearings.find((h) => h.candidate_id === candidate)?.sitting_id ?? null;
}

/** Why `member` cannot score `candidate` now, if they cannot. */
export function blocked(board: ScoreBoard, member: number, candidate: number, sitting: number | null): Blocked {
  if (board.recusals.some((r) => r.member_id === member && r.candidate_id === candidate)) return "recused";
  if (board.locked.includes(candidate)) return "locked";
  const at = hearingOf(board, candidate) ?? sitting;
  const s = board.sittings.find((x) => x.id === at);
  const status = s?.attendance.find((a) => a.member_id === member)?.status;
  if (status === "absent" || status === "excused") return "absent";
  return null;
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
