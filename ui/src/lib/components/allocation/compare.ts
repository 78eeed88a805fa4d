// Small helpers of the « Attribution » section: what changed between two allocations
// computed by core (names only: the rules stay in core), errors per field, today's date.
import type { Allocation, AppError, GroupAllocation } from "../../bindings";
import { isoToFrench, todayIso } from "../../text";

/** Who enters and who leaves one category's main list. */
export interface GroupMoves {
  label: string;
  entering: string[];
  leaving: string[];
}

const key = (g: GroupAllocation) => `${g.category}:${g.discipline}`;

/** Per category, the names entering or leaving the main list from `before` to `after`; categories without change are left out. */
export function mainListMoves(before: Allocation, after: Allocation): GroupMoves[] {
  const old = new Map(before.groups.map((g) => [key(g), g]));
  const moves: GroupMoves[] = [];
  for (const g of after.groups) {
    const previous = old.get(key(g));
    const was = new Set((previous?.main ?? []).map((d) => d.candidate_id));
    const now = new Set(g.main.map((d) => d.candidate_id));
    const entering = g.main.filter((d) => !was.has(d.candidate_id)).map((d) => d.display_name);
    const leaving = (previous?.main ?? []).filter((d) => !now.has(d.candidate_id)).map((d) => d.display_name);
    if (entering.length > 0 || leaving.length > 0) moves.push({ label: g.label, entering, leaving });
  }
  return moves;
}

/** Core's per-field messages for the fields a form shows, and the rest of the error for ErrorMessage. */
export function splitError(error: AppError | null, fields: readonly string[]): { at: Record<string, string>; rest: AppError | null } {
  if (!error) return { at: {}, rest: null };
  const at: Record<string, string> = {};
  for (const d of error.details) if (fields.includes(d.field) && !(d.field in at)) at[d.field] = d.message;
  const others = error.details.filter((d) => !fields.includes(d.field));
  if (error.details.length > 0 && others.length === 0) return { at, rest: null };
  return { at, rest: { ...error, details: others } };
}

/** Today as the user types a date: JJ/MM/AAAA. */
export const today = (now: Date = new Date()): string => isoToFrench(todayIso(now));
