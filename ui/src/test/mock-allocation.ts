// Test data and commands of the allocation: rules, lists, ties, withdrawals, history.
import { vi } from "vitest";
import type { Allocation, AllocationRules, AllocationRun, Decision, SpecialtyPlan } from "../lib/bindings";
import { people } from "./mock-names";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

const d = (id: number, name: string, outcome: Decision["outcome"], reason: string, rank: number | null, position: number | null, total: string): Decision => ({
  candidate_id: id,
  display_name: name,
  outcome,
  rank,
  position,
  total_display: total,
  reason,
});

export const allocationRules: AllocationRules = {
  min_total: "",
  require_eligible: true,
  require_heard: true,
  require_ars: false,
  complementary_size: "",
  tie_chain: ["interview", "project", "academic"],
};

export const allocation: Allocation = {
  groups: [
    {
      category: "student",
      discipline: "medicine",
      label: "Étudiants — médecine",
      quota: 2,
      specialties: [],
      main: [
        d(11, "COLIN Théo", "main", "retenu — rang 1 sur 4, étudiants — médecine", 1, 1, "32,55"),
        d(12, "DESCHAMPS-LÉGER Zoé", "main", "retenu — rang 2 sur 4, étudiants — médecine", 2, 2, "31,9"),
      ],
      ties: [],
      complementary: [
        d(13, "BENOÎT Noémie", "complementary", "liste complémentaire n° 1", 3, 1, "31,46"),
        d(14, "MARTIN Adrien", "complementary", "liste complémentaire n° 2", 4, 2, "31,26"),
      ],
      not_retained: [d(15, "JOLY Marie-Ève", "not_retained", "non retenu : dossier non recevable", null, null, "26,96")],
      unused: 0,
    },
    {
      category: "intern",
      discipline: "medicine",
      label: "Internes — médecine",
      quota: 1,
      specialties: ["Médecine générale : 1"],
      main: [],
      ties: [
        d(21, "FAURE Océane", "tie_to_settle", "ex aequo au rang 1 (FAURE Océane, LECLERC Océane) : à départager par un vote de la commission", 1, null, "29,24"),
        d(22, "LECLERC Océane", "tie_to_settle", "ex aequo au rang 1 (FAURE Océane, LECLERC Océane) : à départager par un vote de la commission", 1, null, "29,24"),
      ],
      complementary: [],
      not_retained: [],
      unused: 1,
    },
  ],
  unused: 1,
  ties_to_settle: true,
  notices: ["Internes — médecine : l'ARS n'ouvre que 1 place par spécialité pour un contingent de 1 ; au plus 1 contrat peut être attribué."],
  rules_statement:
    "Conditions pour être classé : dossier recevable, entendu en entretien. Les candidats sont classés par total décroissant ; en cas d'égalité, la note d'entretien, puis la note du projet professionnel, puis les résultats universitaires, puis un vote de la commission, consigné au procès-verbal.",
};

/** A national category's lists: `main` retained, then `complementary`, then `notRetained`
 * candidates (ids from 1001, in that order), ranked by their total. */
export function nationalAllocation(main: number, complementary: number, notRetained: number): Allocation {
  const all = people(main + complementary + notRetained);
  const total = (i: number) => (32 - (i * 20) / all.length).toFixed(2).replace(".", ",");
  const at = (from: number, n: number) => all.slice(from, from + n).map((p, k) => ({ p, i: from + k, k }));
  return {
    ...allocation,
    groups: [
      {
        ...allocation.groups[0]!,
        quota: main,
        main: at(0, main).map(({ p, i, k }) => d(1001 + i, p.display, "main", `retenu — rang ${i + 1}, étudiants — médecine`, i + 1, k + 1, total(i))),
        complementary: at(main, complementary).map(({ p, i, k }) =>
          d(1001 + i, p.display, "complementary", `liste complémentaire n° ${k + 1}`, i + 1, k + 1, total(i)),
        ),
        not_retained: at(main + complementary, notRetained).map(({ p, i }) =>
          d(1001 + i, p.display, "not_retained", "non retenu : dossier non recevable", null, null, total(i)),
        ),
      },
    ],
    unused: 0,
    ties_to_settle: false,
    notices: [],
  };
}

export const specialtyPlan: SpecialtyPlan = {
  rows: [{ category: "intern", discipline: "medicine", specialty: "Médecine générale", places: 1 }],
  known: [
    { category: "intern", discipline: "medicine", specialty: "Médecine générale", places: 7 },
    { category: "intern", discipline: "medicine", specialty: "Psychiatrie", places: 4 },
  ],
};

export const runs: AllocationRun[] = [{ id: 1, at_display: "15/01/2027 à 17 h 40", operator: "Pr Jean-Marc LEFEBVRE", reason: "séance du 15 janvier" }];

/** The allocation commands, answering with the data above. */
export function allocationCommands() {
  return {
    allocationRules: vi.fn(() => ok(allocationRules)),
    allocationRulesSet: vi.fn(() => ok(allocation)),
    allocation: vi.fn(() => ok(allocation)),
    allocationSpecialties: vi.fn(() => ok(specialtyPlan)),
    allocationSpecialtiesSet: vi.fn(() => ok(allocation)),
    allocationTieVote: vi.fn(() => ok(allocation)),
    allocationOverride: vi.fn(() => ok(allocation)),
    allocationWithdraw: vi.fn(() => ok(allocation)),
    allocationRecord: vi.fn(() => ok(runs)),
    allocationRuns: vi.fn(() => ok(runs)),
    allocationExport: vi.fn(() => ok("Listes CESP — organisme gestionnaire.xlsx")),
    allocationLetters: vi.fn(() => ok(["/tmp/Décisions CESP - toutes les lettres.pdf", "/tmp/Décision CESP - COLIN Théo.pdf"])),
  };
}
