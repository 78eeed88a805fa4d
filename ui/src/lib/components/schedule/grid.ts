// Helpers of the timetable: a cell's key, the rows of a day (half-days, slots, breaks), the
// cell under the pointer, the time as the move command takes it, and a slot's label as
// core's view names its parts.
import type { GridBreak, GridDay, GridSlot, HalfDayPart, MoveTarget, ScheduleView } from "../../bindings";

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
  | { kind: "break"; brk: GridBreak };

/**
 * The rows of a day: each half-day opens with the row of who sits, then its slots; each
 * break stands by its minutes, between the last slot ending by its start and the first
 * slot starting from its end (a break before every slot comes first, one after them last).
 */
export function dayRows(day: GridDay): DayRow[] {
  const breaks = [...day.breaks].sort((a, b) => a.start - b.start);
  const rows: DayRow[] = [];
  let k = 0;
  day.slots.forEach((slot, i) => {
    while (k < breaks.length && breaks[k]!.end <= slot.start) rows.push({ kind: "break", brk: breaks[k++]! });
    if (i === 0 || day.slots[i - 1]!.part !== slot.part) rows.push({ kind: "part", part: slot.part });
    rows.push({ kind: "slot", slot });
  });
  while (k < breaks.length) rows.push({ kind: "break", brk: breaks[k++]! });
  return rows;
}

/** The cell of the timetable under a point of the window (cells carry data-jury, data-date, data-start). */
export function cellAt(x: number, y: number): Cell | null {
  const hit = document.elementFromPoint(x, y);
  const td = hit instanceof Element ? hit.closest<HTMLElement>("[data-jury][data-date][data-start]") : null;
  if (!td) return null;
  const jury = Number(td.dataset["jury"]);
  const start = Number(td.dataset["start"]);
  const date = td.dataset["date"] ?? "";
  return Number.isInteger(jury) && Number.isInteger(start) && date !== "" ? { jury, date, start } : null;
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
