// The « Organisation » form as typed: a copy of core's ScheduleSetup with numbers kept as
// text and a key per row (for the lists' add and remove), and back. Core reads and checks
// what is typed.
import type { AppError, HalfDayPart, Role, ScheduleSetup, ScheduleSetupText } from "../../bindings";

export type DraftBreak = { key: number; start: string; end: string };
export type DraftDay = { key: number; date: string; opening: string; closing: string; place: string; breaks: DraftBreak[] };
/** `id`: core's identifier of a saved jury (its interviews stay with it), null for a new one. */
export type DraftJury = { key: number; id: number | null; name: string; room: string; members: number[] };
/** `who`: "m:3" for member 3, "c:12" for candidate 12, "" when not chosen yet. */
export type DraftUnavailable = { key: number; who: string; date: string; part: HalfDayPart; reason: string };
/** `candidate`: the candidate's id as text, "" when not chosen yet. */
export type DraftPreference = { key: number; candidate: string; date: string; part: HalfDayPart };

export type Draft = {
  interview_minutes: string;
  buffer_minutes: string;
  min_jury_size: string;
  required_role: Role | "";
  separate_populations: boolean;
  days: DraftDay[];
  juries: DraftJury[];
  unavailable: DraftUnavailable[];
  preferences: DraftPreference[];
  /** One item per line. */
  bring: string;
  contact: string;
};

let counter = 0;
/** A new row key. */
export const rowKey = () => ++counter;

export function toDraft(s: ScheduleSetup): Draft {
  return {
    interview_minutes: String(s.interview_minutes),
    buffer_minutes: String(s.buffer_minutes),
    min_jury_size: String(s.min_jury_size),
    required_role: s.required_role ?? "",
    separate_populations: s.separate_populations ?? false,
    days: s.days.map((d) => ({
      key: rowKey(),
      date: d.date,
      opening: d.opening,
      closing: d.closing,
      place: d.place ?? "",
      breaks: (d.breaks ?? []).map((b) => ({ key: rowKey(), start: b.start, end: b.end })),
    })),
    juries: s.juries.map((j) => ({ key: rowKey(), id: j.id ?? null, name: j.name, room: j.room ?? "", members: [...j.members] })),
    unavailable: (s.unavailable ?? []).map((u) => ({
      key: rowKey(),
      who: u.member != null ? `m:${u.member}` : u.candidate != null ? `c:${u.candidate}` : "",
      date: u.date,
      part: u.part,
      reason: u.reason ?? "",
    })),
    preferences: (s.preferences ?? []).map((p) => ({ key: rowKey(), candidate: String(p.candidate), date: p.date, part: p.part })),
    bring: (s.bring ?? []).join("\n"),
    contact: s.contact ?? "",
  };
}

/** The draft without its row keys, to compare with what is saved. */
export const comparable = (d: Draft | null) => JSON.stringify(d, (k, v: unknown) => (k === "key" ? undefined : v));

/** The setup to send, as typed: core reads the numbers and the choices and refuses what it
 * cannot read at its field. */
export function fromDraft(d: Draft): ScheduleSetupText {
  const id = (text: string) => (/^\d+$/.test(text) ? Number(text) : null);
  return {
    interview_minutes: d.interview_minutes,
    buffer_minutes: d.buffer_minutes,
    min_jury_size: d.min_jury_size,
    required_role: d.required_role === "" ? null : d.required_role,
    separate_populations: d.separate_populations,
    days: d.days.map((x) => ({
      date: x.date,
      opening: x.opening,
      closing: x.closing,
      place: x.place,
      breaks: x.breaks.map((b) => ({ start: b.start, end: b.end })),
    })),
    juries: d.juries.map((j) => ({ id: j.id, name: j.name, room: j.room, members: [...j.members] })),
    unavailable: d.unavailable.map((u) => ({
      member: u.who.startsWith("m:") ? id(u.who.slice(2)) : null,
      candidate: u.who.startsWith("c:") ? id(u.who.slice(2)) : null,
      date: u.date,
      part: u.part,
      reason: u.reason,
    })),
    preferences: d.preferences.map((p) => ({ candidate: id(p.candidate), date: p.date, part: p.part })),
    bring: d.bring.split("\n"),
    contact: d.contact,
  };
}

/** Every message core (or the form) gave per field, joined when a field has several. */
export function messagesByField(error: AppError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of error?.details ?? []) out[d.field] = out[d.field] ? `${out[d.field]} ${d.message}` : d.message;
  return out;
}

/** The element id of a field path: "days.0.opening" -> "sched-days-0-opening". */
export const fieldId = (field: string) => `sched-${field.replace(/\./g, "-")}`;
