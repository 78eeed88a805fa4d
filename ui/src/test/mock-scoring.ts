// Test data and commands of the scoring: grid, board, ranking, sheets.
import { vi } from "vitest";
import type { CandidateResult, Criterion, Grid, Ranking, ScoreBoard } from "../lib/bindings";
import { people } from "./mock-names";
import { members, recusals, sittings } from "./mock-commission";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

const crit = (id: number, block: Criterion["block"], label: string, source: Criterion["source"], weight = 1): Criterion => ({
  id,
  block,
  label,
  source,
  scale_max: 5,
  step: source === "members" ? 0.5 : 0.01,
  weight,
  low: "Projet vague.",
  middle: "Projet défini mais peu argumenté.",
  high: "Projet précis et réaliste.",
  scale_display:
    source === "members"
      ? `de 0 à 5, par pas de 0,5 — coefficient ${weight}`
      : `de 0 à 5, calculé à partir des résultats — coefficient ${weight}`,
});

export const grid: Grid = {
  blocks: [
    { code: "project", label: "Projet professionnel", criteria: [crit(1, "project", "Précision et maturité du projet", "members")], max_points: 5 },
    { code: "academic", label: "Résultats universitaires", criteria: [crit(2, "academic", "Résultats universitaires", "academic", 2)], max_points: 10 },
    {
      code: "interview",
      label: "Entretien",
      criteria: [crit(3, "interview", "Motivation et engagement", "members"), crit(4, "interview", "Qualité de l'argumentation", "members")],
      max_points: 10,
    },
  ],
  max_total: 25,
  max_total_display: "25",
  fingerprint: "0123456789abcdef",
  locked_by_scores: true,
};

export const board: ScoreBoard = {
  grid,
  members,
  sittings,
  recusals,
  hearings: [
    { candidate_id: 1, sitting_id: 1 },
    { candidate_id: 2, sitting_id: 1 },
  ],
  locked: [],
  scores: [
    { member_id: 1, candidate_id: 1, criterion_id: 1, value: 4 },
    { member_id: 1, candidate_id: 1, criterion_id: 3, value: 3.5 },
    { member_id: 2, candidate_id: 1, criterion_id: 1, value: 4.5 },
  ],
  // As core answers for candidates 1 and 2 heard at sitting 1 and 3 not heard yet: the
  // secretary has no vote, Dr BELKACEM is recused for 2 and excused at sitting 1.
  blocked: [
    { member_id: 3, candidate_id: 1, sitting_id: null, blocked: "absent" },
    { member_id: 3, candidate_id: 2, sitting_id: null, blocked: "recused" },
    { member_id: 3, candidate_id: 3, sitting_id: 1, blocked: "absent" },
    ...[1, 2, 3].map((c) => ({ member_id: 4, candidate_id: c, sitting_id: null, blocked: "non_voting" as const })),
  ],
  totals: [
    { member_id: 1, candidate_id: 1, total: "7,5", scored: 2 },
    { member_id: 2, candidate_id: 1, total: "4,5", scored: 1 },
  ],
  member_max: "15",
};

const row = (id: number, name: string, total: number | null, rank: number | null): CandidateResult => ({
  candidate_id: id,
  display_name: name,
  category: "student",
  discipline: "medicine",
  sitting_id: 1,
  sitting_display: "14/01/2027",
  status: total === null ? "incomplete" : "complete",
  status_label: total === null ? "Notes incomplètes" : "Notes complètes",
  blocks: [
    { code: "project", label: "Projet professionnel", value: 4.25, display: "4,25", max: 5 },
    { code: "academic", label: "Résultats universitaires", value: 6.82, display: "6,82", max: 10 },
    { code: "interview", label: "Entretien", value: total === null ? null : 7.5, display: total === null ? "—" : "7,5", max: 10 },
  ],
  criteria: [],
  total,
  total_display: total === null ? "—" : String(total).replace(".", ","),
  normalised_total: null,
  normalised_display: "",
  rank,
  rank_display: rank === null ? "" : rank === 1 ? "1ᵉʳ" : `${rank}ᵉ`,
  excluded: rank === null ? "dossier incomplet ; notes incomplètes" : "",
  members: [
    { member_id: 1, name: "Pr Jean-Marc LEFEBVRE", total: 11.5, display: "11,5", normalised: null, scored: 3, expected: 3 },
    { member_id: 2, name: "Dr Sophie MARCHAND", total: total === null ? null : 12, display: total === null ? "1 / 3 critères" : "12", normalised: null, scored: total === null ? 1 : 3, expected: 3 },
  ],
  recused: id === 2 ? ["Dr Karim BELKACEM — Maître de stage de la candidate"] : [],
  missing: total === null ? ["Dr Sophie MARCHAND : 2 critères sur 3 non notés"] : [],
  spread: 0.5,
  spread_display: "0,5 point",
  std_dev: 0.25,
  disagreement: false,
  academic: [
    {
      candidate_id: id,
      criterion_id: 2,
      value: 3.41,
      computed: 3.41,
      formula: "moyennes N-1 14,2 et N-2 13,1 → 13,65 / 20 = 68,3 % ; × 5 = 3,41",
      override_reason: null,
      scale_max: 5,
      weight: 2,
      points: "6,82",
    },
  ],
  locked: false,
  dossier_label: id === 2 ? "Incomplet" : "Complet",
  dossier_ok: id !== 2,
});

/** A category of a national ranking: `n` candidates (ids from `from`) ranked by their total. */
export function rankedGroup(label: string, n: number, from: number): Ranking["groups"][number] {
  const [category, discipline] = label.startsWith("Internes") ? (["intern", "medicine"] as const) : (["student", "medicine"] as const);
  return {
    category,
    discipline,
    label,
    rows: people(n).map((p, i) => row(from + i, p.display, Math.round((24 - (i * 20) / n) * 100) / 100, i + 1)),
  };
}

export const ranking: Ranking = {
  aggregation_label: "Moyenne des notes des membres",
  normalised: false,
  max_total: 25,
  members_max: 15,
  disagreement_threshold: 3,
  disagreement_label: "Écart entre les totaux des membres supérieur à 3 points (20 % du maximum noté par les membres)",
  groups: [
    {
      category: "student",
      discipline: "medicine",
      label: "Étudiants — médecine",
      rows: [row(1, "DUPONT-MOREAU Marie-Ève", 18.57, 1), row(2, "LEFÈVRE Zoé", null, null)],
    },
  ],
  severity: [
    { member_id: 1, name: "Pr Jean-Marc LEFEBVRE", candidates: 1, mean_gap: -0.25, display: "−0,3 point en moyenne (plus sévère)" },
    { member_id: 2, name: "Dr Sophie MARCHAND", candidates: 1, mean_gap: 0.25, display: "+0,3 point en moyenne (plus indulgent)" },
  ],
  distributions: [
    { criterion_id: 1, label: "Précision et maturité du projet", buckets: [{ label: "4", count: 1 }, { label: "4,5", count: 1 }] },
  ],
  academic_formula: "Deux indicateurs, chacun ramené entre 0 et 1…",
};

/** The scoring commands, answering with the data above. */
export function scoringCommands() {
  return {
    scoreBoard: vi.fn(() => ok(board)),
    grid: vi.fn(() => ok({ grid, academic_formula: ranking.academic_formula })),
    gridSave: vi.fn(() => ok(grid)),
    gridBlockMax: vi.fn(() => ok(grid.blocks.map((b) => String(b.max_points)))),
    scoresReset: vi.fn(() => ok(3)),
    hearingSet: vi.fn(() => ok(null)),
    scoreSet: vi.fn(() => ok({ value: "4", changed: true, total: "4", scored: 1 })),
    academicValues: vi.fn(() => ok(ranking.groups[0]!.rows.flatMap((r) => r.academic))),
    academicOverride: vi.fn(() => ok(null)),
    scoresLock: vi.fn(() => ok({ locked: 1, skipped: [] as string[] })),
    scoresUnlock: vi.fn(() => ok(null)),
    ranking: vi.fn(() => ok(ranking)),
    sheetsExport: vi.fn(() => ok([{ member: "Pr Jean-Marc LEFEBVRE", path: "/tmp/Notation - Pr Jean-Marc LEFEBVRE.xlsx", candidates: 2 }])),
    sheetsImport: vi.fn(() => ok([])),
  };
}
