// Test data and commands of the interview plan: two days (14 and 15 January 2027, 8 h 30 to
// 17 h 30, lunch 12 h 30 – 13 h 30, 30-minute interviews and 10 minutes between them), two
// juries, six interviews, one candidate waiting, and the live check of every slot.
import { vi } from "vitest";
import type {
  AppError,
  GridBreak,
  GridDay,
  GridSitting,
  GridSlot,
  Member,
  MoveTarget,
  PlanPreview,
  PlannedInterview,
  ScheduleSetup,
  ScheduleView,
  WaitingCandidate,
  Written,
} from "../lib/bindings";
import { candidateRow } from "./mock-commission";
import { people } from "./mock-names";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

export const scheduleMembers: Member[] = [
  { id: 1, name: "Pr Jean-Marc LEFEBVRE", role: "chair", role_label: "Président(e) — directeur de l'UFR ou son représentant", voting: true, email: null },
  { id: 2, name: "Dr Sophie MARCHAND", role: "ars_representative", role_label: "Représentant(e) de l'ARS", voting: true, email: null },
  { id: 3, name: "Dr Karim BELKACEM", role: "physician", role_label: "Médecin en exercice", voting: true, email: null },
  { id: 4, name: "Dr Anne LEROY", role: "physician", role_label: "Médecin en exercice", voting: true, email: null },
  { id: 5, name: "Mme Claire DUMONT", role: "secretary", role_label: "Secrétaire (référent de la faculté)", voting: false, email: null },
];

export const scheduleCandidates = [
  candidateRow(11, "DUPONT-MOREAU", "Marie-Ève"),
  candidateRow(12, "LEFÈVRE", "Zoé"),
  candidateRow(13, "NGUYEN", "Thành", true),
  candidateRow(14, "BENOÎT", "Loïc", true),
  candidateRow(15, "ROUSSEL", "Chloé"),
  candidateRow(16, "KERGOAT", "Maëlys", true),
  candidateRow(17, "MARTIN", "Léa"),
];

export const setup: ScheduleSetup = {
  interview_minutes: 30,
  buffer_minutes: 10,
  min_jury_size: 2,
  required_role: null,
  separate_populations: true,
  days: [
    { date: "14/01/2027", opening: "8 h 30", closing: "17 h 30", breaks: [{ start: "12 h 30", end: "13 h 30" }], place: "Salle du conseil, UFR de médecine, Amiens" },
    { date: "15/01/2027", opening: "8 h 30", closing: "17 h 30", breaks: [{ start: "12 h 30", end: "13 h 30" }], place: "Salle du conseil, UFR de médecine, Amiens" },
  ],
  juries: [
    { id: 1, name: "Jury 1", room: "Salle du conseil", members: [1, 2] },
    { id: 2, name: "Jury 2", room: "Salle 2.14", members: [3, 4] },
  ],
  unavailable: [{ member: 4, candidate: null, date: "15/01/2027", part: "afternoon", reason: "de garde" }],
  preferences: [{ candidate: 16, date: "15/01/2027", part: "morning" }],
  bring: ["Pièce d'identité", "Convocation imprimée"],
  contact: "Mme Claire DUMONT, scolarité, 03 22 82 77 00",
};

const time = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")}`);

/** 8 h 30 to 17 h 30, 30 minutes and 10 between, none across 12 h 30 – 13 h 30. */
function slots(): GridSlot[] {
  const out: GridSlot[] = [];
  for (const [from, to] of [[510, 750], [810, 1050]] as const)
    for (let start = from; start + 30 <= to; start += 40)
      out.push({ start, end: start + 30, start_display: time(start), part: start < 780 ? "morning" : "afternoon" });
  return out;
}

const lunch: GridBreak = { start: 750, end: 810, display: "12 h 30 – 13 h 30" };

const sitting = (jury_id: number, part: "morning" | "afternoon", members: string[], reason: string | null = null): GridSitting => ({
  jury_id,
  part,
  members,
  sits: reason === null,
  reason,
});

export const days: GridDay[] = [
  {
    date: "2027-01-14",
    date_display: "jeudi 14 janvier 2027",
    place: "Salle du conseil, UFR de médecine, Amiens",
    slots: slots(),
    breaks: [lunch],
    sittings: [
      sitting(1, "morning", ["Pr Jean-Marc LEFEBVRE", "Dr Sophie MARCHAND"]),
      sitting(1, "afternoon", ["Pr Jean-Marc LEFEBVRE", "Dr Sophie MARCHAND"]),
      sitting(2, "morning", ["Dr Karim BELKACEM", "Dr Anne LEROY"]),
      sitting(2, "afternoon", ["Dr Karim BELKACEM", "Dr Anne LEROY"]),
    ],
  },
  {
    date: "2027-01-15",
    date_display: "vendredi 15 janvier 2027",
    place: "Salle du conseil, UFR de médecine, Amiens",
    slots: slots(),
    breaks: [lunch],
    sittings: [
      sitting(1, "morning", ["Pr Jean-Marc LEFEBVRE", "Dr Sophie MARCHAND"]),
      sitting(1, "afternoon", ["Pr Jean-Marc LEFEBVRE", "Dr Sophie MARCHAND"]),
      sitting(2, "morning", ["Dr Karim BELKACEM", "Dr Anne LEROY"]),
      sitting(2, "afternoon", ["Dr Karim BELKACEM"], "Dr Anne LEROY est indisponible : 1 membre présent sur 2 requis"),
    ],
  },
];

export const juries: [number, string][] = [
  [1, "Jury 1 — Salle du conseil"],
  [2, "Jury 2 — Salle 2.14"],
];

const juryLabel = (id: number) => juries.find(([j]) => j === id)?.[1] ?? "";

function interview(candidate_id: number, jury_id: number, date: string, start: number, pinned = false): PlannedInterview {
  const c = scheduleCandidates.find((x) => x.id === candidate_id)!;
  return {
    candidate_id,
    candidate_name: c.display_name,
    category_label: c.category_label,
    jury_id,
    jury_label: juryLabel(jury_id),
    date,
    date_display: days.find((d) => d.date === date)!.date_display,
    start,
    end: start + 30,
    start_display: time(start),
    pinned,
  };
}

export const interviews: PlannedInterview[] = [
  interview(11, 1, "2027-01-14", 510, true),
  interview(12, 1, "2027-01-14", 550),
  interview(13, 2, "2027-01-14", 510),
  interview(14, 2, "2027-01-14", 550),
  interview(15, 1, "2027-01-14", 810),
  interview(16, 2, "2027-01-15", 510),
];

/** Every candidate to hear, by name (as core sorts them). */
export const toHear: WaitingCandidate[] = scheduleCandidates
  .map((c) => ({ id: c.id, name: c.display_name, category_label: c.category_label }))
  .sort((a, b) => a.name.localeCompare(b.name));

export const view: ScheduleView = {
  interviews,
  unplaced: [{ id: 17, name: "MARTIN Léa", category_label: "Étudiant — médecine" }],
  days,
  to_hear: toHear,
  setup_error: null,
  quality: "6 entretiens sur 2 jours, 40 min d'attente au total, 1 sur 1 préférence respectée",
  conflicts: [],
  juries,
  convocations: null,
};

/** The convocations written (or e-mailed) for every interview above, nothing changed since. */
export const outView: ScheduleView = {
  ...view,
  convocations: { candidates: 6, last_display: "03/12/2026 à 10 h 16", to_send: 0 },
};

/** Planning again after Dr Sophie MARCHAND (Jury 1) became unavailable on Thursday
 * afternoon: ROUSSEL Chloé and LEFÈVRE Zoé move to Friday, MARTIN Léa is placed. */
export const replannedView: ScheduleView = {
  ...view,
  interviews: [
    interview(11, 1, "2027-01-14", 510, true),
    interview(12, 1, "2027-01-15", 810),
    interview(13, 2, "2027-01-14", 510),
    interview(14, 2, "2027-01-14", 550),
    interview(15, 1, "2027-01-15", 850),
    interview(16, 2, "2027-01-15", 510),
    interview(17, 1, "2027-01-15", 890),
  ],
  unplaced: [],
  quality: "7 entretiens sur 2 jours, 80 min d'attente au total, 1 sur 1 préférence respectée",
  convocations: { candidates: 6, last_display: "03/12/2026 à 10 h 16", to_send: 3 },
};

/** What core previews for the plan above (nothing written). */
export const planPreview: PlanPreview = {
  quality: replannedView.quality,
  notes: ["2 journées utilisées sur 2 : jeudi 14 janvier 2027 et vendredi 15 janvier 2027.", "Entretiens par jury : Jury 1 : 4, Jury 2 : 3."],
  changes: [
    {
      candidate_id: 12,
      name: "LEFÈVRE Zoé",
      before: "jeudi 14 janvier 2027 à 9 h 10 — Jury 1",
      after: "vendredi 15 janvier 2027 à 13 h 30 — Jury 1",
      convoked: true,
      sends: "amended",
    },
    { candidate_id: 17, name: "MARTIN Léa", before: null, after: "vendredi 15 janvier 2027 à 14 h 50 — Jury 1", convoked: false, sends: "first" },
    {
      candidate_id: 15,
      name: "ROUSSEL Chloé",
      before: "jeudi 14 janvier 2027 à 13 h 30 — Jury 1",
      after: "vendredi 15 janvier 2027 à 14 h 10 — Jury 1",
      convoked: true,
      sends: "amended",
    },
  ],
  replan: true,
};

/** Core's refusal to plan from scratch once convocations went out (planning.rs). */
export const convocationsOut: AppError = {
  code: "convocations_out",
  message:
    "Les convocations sont parties (6 candidats convoqués, dernier envoi le 03/12/2026 à 10 h 16) : planifier à nouveau doit déplacer le moins d'entretiens possible. Choisissez « Replanifier » (en ligne de commande : --replan) ; seuls les candidats déplacés recevront une convocation rectificative.",
  details: [],
};

/** Nothing described yet. */
export const emptyView: ScheduleView = {
  interviews: [],
  unplaced: [],
  days: [],
  to_hear: toHear,
  setup_error: null,
  quality: "",
  conflicts: [],
  juries: [],
  convocations: null,
};

/** A stored setup core cannot use any more: no timetable, and why. */
export const brokenSetupView: ScheduleView = {
  ...emptyView,
  juries,
  setup_error: "Journée du jeudi 14 janvier 2027 : la pause de 12 h 30 à 13 h 30 sort de la journée (8 h 30 – 12 h).",
};

/** Days and juries described, nothing planned yet. */
export const unplannedView: ScheduleView = {
  ...view,
  interviews: [],
  unplaced: scheduleCandidates.map((c) => ({ id: c.id, name: c.display_name, category_label: c.category_label })),
  quality: "",
};

/** Where `candidate` could go: a taken slot and jury 2 on Friday afternoon are refused. */
export function targets(candidate: number): MoveTarget[] {
  const out: MoveTarget[] = [];
  for (const d of days)
    for (const s of d.slots)
      for (const [jury] of juries) {
        const conflicts: string[] = [];
        const taken = interviews.find((i) => i.jury_id === jury && i.date === d.date && i.start === s.start);
        if (taken && taken.candidate_id !== candidate)
          conflicts.push(`Créneau déjà occupé par ${taken.candidate_name} (Jury ${jury}, ${d.date_display}, ${s.start_display} – ${time(s.end)})`);
        if (jury === 2 && d.date === "2027-01-15" && s.part === "afternoon")
          conflicts.push("Le jury Jury 2 ne siège pas le vendredi 15 janvier 2027 après-midi (Dr Anne LEROY est indisponible : 1 membre présent sur 2 requis)");
        out.push({ jury_id: jury, date: d.date, start: s.start, conflicts });
      }
  return out;
}

/** Core's refusal when no plan exists. */
export const planRefused: AppError = {
  code: "schedule_impossible",
  message:
    "Aucun planning n'est possible. Le jury Jury 2 ne peut siéger aucune demi-journée : 1 membre présent sur 2 requis. Le planning précédent est conservé.",
  details: [],
};

/** Core's refusal of a setup: each problem at its field. */
export const setupInvalid: AppError = {
  code: "validation",
  message: "3 points sont à corriger.",
  details: [
    { field: "interview_minutes", message: "« Durée d'un entretien » : 500 min n'est pas possible ; il faut entre 5 et 240 minutes." },
    { field: "days.1.opening", message: "« Début » : « 8h3O » n'est pas une heure ; écrivez par exemple « 8 h 30 » ou « 08:30 »." },
    { field: "juries.0.name", message: "Jury 1 : « Nom » est obligatoire (par exemple « Jury 1 »)." },
  ],
};

export const convocationsWritten: Written = {
  folder: "/home/claire/Convocations",
  letters: interviews.length,
  amended: 0,
  batch: "/home/claire/Convocations/Convocations CESP - toutes.pdf",
  candidate_calendars: interviews.length,
  cancellations: 0,
  member_calendars: 4,
  files: [
    "/home/claire/Convocations/Convocations CESP - toutes.pdf",
    ...interviews.map((i) => `/home/claire/Convocations/Convocation CESP - ${i.candidate_name}.pdf`),
    ...interviews.map((i) => `/home/claire/Convocations/Entretien CESP - ${i.candidate_name}.ics`),
    ...scheduleMembers.slice(0, 4).map((m) => `/home/claire/Convocations/Entretiens du jury CESP - ${m.name}.ics`),
  ],
};

/** What changed after the replan above: two amended convocations and a first one. */
export const changesWritten: Written = {
  folder: "/home/claire/Convocations rectificatives",
  letters: 3,
  amended: 2,
  batch: "/home/claire/Convocations rectificatives/Convocations CESP - modifications.pdf",
  candidate_calendars: 3,
  cancellations: 0,
  member_calendars: 4,
  files: [
    "/home/claire/Convocations rectificatives/Convocations CESP - modifications.pdf",
    "/home/claire/Convocations rectificatives/Convocation rectificative CESP - LEFÈVRE Zoé.pdf",
    "/home/claire/Convocations rectificatives/Convocation CESP - MARTIN Léa.pdf",
    "/home/claire/Convocations rectificatives/Convocation rectificative CESP - ROUSSEL Chloé.pdf",
  ],
};

/** A national plan: `dayCount` days like the first above (from Thursday 14 January 2027),
 * its interviews on that day, and `waiting` candidates still to place (ids from 5001). */
export function nationalView(dayCount: number, waiting: number): ScheduleView {
  const national = Array.from({ length: dayCount }, (_, k) => {
    const day = new Date(2027, 0, 14 + k);
    const two = (n: number) => String(n).padStart(2, "0");
    return {
      ...days[0]!,
      date: `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`,
      date_display: day.toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric" }),
    };
  });
  return {
    ...view,
    days: national,
    interviews: interviews.filter((i) => i.date === national[0]!.date),
    unplaced: people(waiting).map((p, k) => ({ id: 5001 + k, name: p.display, category_label: "Étudiant — médecine" })),
  };
}

/** What the interview screen reads besides its commands: the members. */
export function scheduleReads() {
  return {
    members: vi.fn(() => ok(scheduleMembers)),
  };
}

/** A command answering with core's error. */
export const refusing = (error: AppError) => vi.fn(() => fail(error));

/** The interview plan's commands, answering with the data above. */
export function scheduleCommands() {
  return {
    scheduleSetup: vi.fn(() => ok(setup)),
    scheduleSetupSet: vi.fn(() => ok(view)),
    schedule: vi.fn(() => ok(view)),
    schedulePlan: vi.fn((_replan: boolean) => ok(view)),
    schedulePreview: vi.fn(() => ok(planPreview)),
    scheduleTargets: vi.fn((candidate: number) => ok(targets(candidate))),
    scheduleMove: vi.fn(() => ok(view)),
    schedulePin: vi.fn(() => ok(view)),
    scheduleFree: vi.fn(() => ok(view)),
    scheduleWithdraw: vi.fn(() => ok(view)),
    scheduleConvocations: vi.fn((changesOnly: boolean) => ok<Written | null>(changesOnly ? changesWritten : convocationsWritten)),
    scheduleTimetable: vi.fn(() => ok<string | null>("/home/claire/Planning des entretiens CESP.pdf")),
    scheduleXlsx: vi.fn(() => ok<string | null>("/home/claire/Planning des entretiens CESP.xlsx")),
  };
}
