// Test data and commands of the commission: members, rules, sittings, recusals.
import { vi } from "vitest";
import type { AppError, CandidateRow, Member, Recusal, Rules, RulesText, Sitting } from "../lib/bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

export const members: Member[] = [
  { id: 1, name: "Pr Jean-Marc LEFEBVRE", role: "chair", role_label: "Président(e) — directeur de l'UFR ou son représentant", voting: true, email: "jm.lefebvre@demo-jules-verne.fr" },
  { id: 2, name: "Dr Sophie MARCHAND", role: "ars_representative", role_label: "Représentant(e) de l'ARS", voting: true, email: null },
  { id: 3, name: "Dr Karim BELKACEM", role: "physician", role_label: "Médecin en exercice", voting: true, email: null },
  { id: 4, name: "Mme Claire DUMONT", role: "secretary", role_label: "Secrétaire (référent de la faculté)", voting: false, email: null },
];

export const rules: Rules = {
  quorum: "half",
  quorum_count: 0,
  majority: "present",
  casting_vote_chair: true,
  aggregation: "mean",
  disagreement_percent: 20,
  normalise: false,
  padhue_academic: "waived",
};

export const rulesStatement =
  "La commission délibère valablement lorsque la moitié au moins des membres ayant voix délibérative sont présents ; elle décide à la majorité des membres présents ayant voix délibérative ; en cas de partage égal des voix, celle du président est prépondérante.";

export const sittings: Sitting[] = [
  {
    id: 1,
    date: "2027-01-14",
    date_display: "jeudi 14 janvier 2027",
    start_time: "09:00",
    start_display: "9 h",
    place: "Salle du conseil, UFR de médecine, Amiens",
    attendance: [
      { member_id: 1, status: "present" },
      { member_id: 2, status: "present" },
      { member_id: 3, status: "excused" },
      { member_id: 4, status: "present" },
    ],
    present_voting: 2,
    voting_total: 3,
    quorum_required: 2,
    quorum_met: true,
    quorum_statement: "Quorum atteint : 2 membres votants présents sur 3 (2 requis).",
    heard: 2,
  },
];

/** A national commission's `n` sittings, one a day from Thursday 14 January 2027 (ids from 1),
 * each as the first above. */
export function nationalSittings(n: number): Sitting[] {
  return Array.from({ length: n }, (_, k) => {
    const day = new Date(2027, 0, 14 + k);
    const two = (x: number) => String(x).padStart(2, "0");
    return {
      ...sittings[0]!,
      id: k + 1,
      date: `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`,
      date_display: day.toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric" }),
    };
  });
}

export const recusals: Recusal[] = [
  {
    member_id: 3,
    member_name: "Dr Karim BELKACEM",
    candidate_id: 2,
    candidate_name: "LEFÈVRE Zoé",
    reason: "Maître de stage de la candidate",
    at_display: "14/01/2027 à 9 h",
  },
];

/** The same sitting once Dr Sophie MARCHAND is marked absent: the quorum is lost. */
export const sittingsQuorumLost: Sitting[] = [
  {
    ...sittings[0]!,
    attendance: [
      { member_id: 1, status: "present" },
      { member_id: 2, status: "absent" },
      { member_id: 3, status: "excused" },
      { member_id: 4, status: "present" },
    ],
    present_voting: 1,
    quorum_met: false,
    quorum_statement: "Quorum non atteint : 1 membre votant présent sur 3 (2 requis).",
  },
];

/** A candidate as the commission screen needs it (for picking the candidate of a recusal). */
export function candidateRow(id: number, last: string, first: string, intern = false): CandidateRow {
  return {
    id,
    display_name: `${last} ${first}`,
    category: intern ? "intern" : "student",
    discipline: "medicine",
    category_label: intern ? "Interne — médecine" : "Étudiant — médecine",
    data: {
      last_name: last,
      first_names: first,
      birth_name: null,
      birth_date: "2001-01-16",
      sex: null,
      email: null,
      phone: null,
      student_number: `2100${id}`,
      category: intern ? "intern" : "student",
      discipline: "medicine",
      study_year: intern ? "DES1" : "DFASM2",
      specialty: null,
      practice_mode: null,
      region: null,
      national_rank: null,
      cohort_size: null,
      average_n1: null,
      average_n2: null,
      ars_agreement: null,
      nationality: "Française",
      dossier_received: null,
      notes: null,
    },
    birth_date_display: "16/01/2001",
    dossier_received_display: "",
    shown: [],
  };
}

export const candidates: CandidateRow[] = [
  candidateRow(1, "DUPONT-MOREAU", "Marie-Ève"),
  candidateRow(2, "LEFÈVRE", "Zoé"),
  candidateRow(3, "NGUYEN", "Thành", true),
  candidateRow(4, "LEFEBVRE", "Hélène"),
];

/** Core's refusal of a recusal without a reason. */
export const reasonMissing: AppError = {
  code: "validation",
  message: "« Motif » est obligatoire : indiquez la nature du conflit d'intérêts (par exemple « lien familial »).",
  details: [
    {
      field: "reason",
      message: "« Motif » est obligatoire : indiquez la nature du conflit d'intérêts (par exemple « lien familial »).",
    },
  ],
};

/** Core's refusal to remove a member who scored. */
export const memberScored: AppError = {
  code: "member_has_scored",
  message:
    "Pr Jean-Marc LEFEBVRE a déjà donné 2 notes : un membre qui a noté ne peut pas être retiré, car le procès-verbal doit rester traçable. Marquez-le plutôt absent ou excusé aux séances suivantes.",
  details: [],
};

/** What the commission screen reads besides its commands: the members and the candidates. */
export function commissionReads() {
  return {
    members: vi.fn(() => ok(members)),
    candidates: vi.fn(() => ok(candidates)),
  };
}

/** A command answering with core's error. */
export const failing = (error: AppError) => vi.fn(() => fail(error));

/** The commission's commands, answering with the data above. */
export function commissionCommands() {
  return {
    memberAdd: vi.fn(() => ok(5)),
    memberUpdate: vi.fn(() => ok(null)),
    memberRemove: vi.fn(() => ok(members.slice(0, 3))),
    rulesGet: vi.fn(() => ok({ rules, statement: rulesStatement })),
    // Core reads the numbers typed (here always readable).
    rulesUpdate: vi.fn((r: RulesText) =>
      ok({ rules: { ...r, quorum_count: Number(r.quorum_count), disagreement_percent: Number(r.disagreement_percent) } as Rules, statement: rulesStatement }),
    ),
    sittings: vi.fn(() => ok(sittings)),
    sittingAdd: vi.fn(() => ok(2)),
    sittingUpdate: vi.fn(() => ok(null)),
    sittingRemove: vi.fn(() => ok(null)),
    attendanceSet: vi.fn(() => ok(sittings)),
    recusals: vi.fn(() => ok(recusals)),
    // As the scoring board of mock-scoring: Pr LEFEBVRE gave DUPONT-MOREAU Marie-Ève two scores.
    recusalScores: vi.fn((member: number, candidate: number) => ok(member === 1 && candidate === 1 ? 2 : 0)),
    recusalAdd: vi.fn(() => ok(0)),
    recusalRemove: vi.fn(() => ok([] as Recusal[])),
  };
}
