// Helpers of the timetable: a cell's key, the rows of a day (half-days, slots, breaks), the
// time as the move command takes it, and a slot's label as core's view names its parts.
import type { GridDay, GridSlot, HalfDayPart, MoveTarget, ScheduleView } from "../../bindings";

/** One cell of the timetable: a jury at a slot of a day. */
export interface Cell {
  jury: number;
  date: string;
  start: number;
}

export const cellKey = (c: Cell) => `${c.jury}|${c.date}|${c.start}`;
export const targetCell = (t: MoveTarget): Cell => ({ jury: t.jury_id, date: t.date, start: t.start });

/** Minutes since midnight as "HH:MM", what the move command reads. */
export function hhmm(minutes: number): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

export type DayRow =
  | { kind: "part"; part: HalfDayPart }
  | { kind: "slot"; slot: GridSlot }
  | { kind: "break"; label: string | null };

/**
 * The rows of a day: each half-day opens with the row of who sits, then its slots; a break
 * row stands where the slots stop for longer than between two interviews. The view gives
 * the breaks as text only ("12 h 30 – 13 h 30"): each such gap is labelled with a break
 * when there are as many gaps as breaks, and plainly « Pause » otherwise (`labelled` false:
 * the day's heading then lists the breaks).
 */
export function dayRows(day: GridDay): { rows: DayRow[]; labelled: boolean } {
  const slots = day.slots;
  const gaps = slots.slice(1).map((s, i) => s.start - slots[i]!.end);
  const step = gaps.length > 0 ? Math.min(...gaps) : 0;
  const breakAt = new Set(gaps.flatMap((g, i) => (g > step ? [i + 1] : [])));
  const labelled = breakAt.size === day.breaks.length;
  const rows: DayRow[] = [];
  let k = 0;
  slots.forEach((slot, i) => {
    if (breakAt.has(i)) rows.push({ kind: "break", label: labelled ? (day.breaks[k++] ?? null) : null });
    if (i === 0 || slots[i - 1]!.part !== slot.part) rows.push({ kind: "part", part: slot.part });
    rows.push({ kind: "slot", slot });
  });
  return { rows, labelled: labelled || day.breaks.length === 0 };
}

/** The parts of a slot as core's view names them: the day, the time, the jury. */
export function cellParts(view: ScheduleView, c: Cell): { day: string; time: string; jury: string } {
  const day = view.days.find((d) => d.date === c.date);
  return {
    day: day?.date_display ?? c.date,
    time: day?.slots.find((s) => s.start === c.start)?.start_display ?? hhmm(c.start),
    jury: view.juries.find(([id]) => id === c.jury)?.[1] ?? "",
  };
}
