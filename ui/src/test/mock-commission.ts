// Test data and commands of the commission: members, rules, sittings, recusals.
import { vi } from "vitest";
import type { Member, Recusal, Rules, Sitting } from "../lib/bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

export const members: Member[] = [
  { id: 1, name: "Pr Jean-Marc LEFEBVRE", role: "chair", role_label: "Président(e) — directeur de l'UFR ou son représentant", voting: true, email: "jm.lefebvre@demo-jules-verne.fr" },
  { id: 2, name: "Dr Sophie MARCHAND", role: "ars_representative", role_label: "Représentant(e) de l'ARS", voting: true, email: null },
  { id: 3, name: "Dr Karim BELKACEM", role: "physician", role_label: "Médecin en exercice", voting: true, email: null },
  { id: 4, name: "Mme Claire DUMONT", role: "secretary", role_label: "Secrétaire", voting: false, email: null },
];

export const rules: Rules = {
  quorum: "half",
  quorum_count: 0,
  majority: "present",
  casting_vote_chair: true,
  aggregation: "mean",
  disagreement_percent: 20,
  normalise: false,
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

/** The commission's commands, answering with the data above. */
export function commissionCommands() {
  return {
    memberAdd: vi.fn(() => ok(5)),
    memberUpdate: vi.fn(() => ok(null)),
    memberRemove: vi.fn(() => ok(members.slice(0, 3))),
    rulesGet: vi.fn(() => ok({ rules, statement: rulesStatement })),
    rulesUpdate: vi.fn((r: Rules) => ok({ rules: r, statement: rulesStatement })),
    sittings: vi.fn(() => ok(sittings)),
    sittingAdd: vi.fn(() => ok(2)),
    sittingUpdate: vi.fn(() => ok(null)),
    sittingRemove: vi.fn(() => ok(null)),
    attendanceSet: vi.fn(() => ok(sittings)),
    recusalAdd: vi.fn(() => ok(0)),
    recusalRemove: vi.fn(() => ok([] as Recusal[])),
  };
}
