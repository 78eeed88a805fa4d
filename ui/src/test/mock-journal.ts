// The journal as core returns it: a page of rows with the people and kinds to filter by.
import { vi } from "vitest";
import type { JournalFilter, JournalPage, JournalRow } from "../lib/bindings";
import { people } from "./mock-names";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

export const importRow: JournalRow = {
  id: 9,
  at: "2026-11-22T17:23:00.000Z",
  at_display: "22/11/2026 à 18 h 23",
  operator: "Claire Dumont, secrétaire",
  action: "import.apply",
  kind: "import",
  kind_label: "Imports",
  summary: "Import de « candidats-tours.xlsx » (feuille « Candidats CESP ») : 5 candidats créés, 0 mis à jour, 2 lignes rejetées.",
  changes: [],
  more_changes: 0,
  reference: 3,
};

export const settingsRow: JournalRow = {
  id: 8,
  at: "2026-11-22T17:20:00.000Z",
  at_display: "22/11/2026 à 18 h 20",
  operator: "Claire Dumont, secrétaire",
  action: "campaign.update",
  kind: "campaign",
  kind_label: "Campagne",
  summary: "Paramètres de la campagne modifiés : Contingent Étudiants — odontologie.",
  changes: [{ field: "Contingent Étudiants — odontologie", before: "0", after: "3" }],
  more_changes: 0,
  reference: null,
};

export const scoreRow: JournalRow = {
  id: 7,
  at: "2026-11-21T22:30:00.000Z",
  at_display: "21/11/2026 à 23 h 30",
  operator: "M. Thomas Leroy",
  action: "score.set",
  kind: "scoring",
  kind_label: "Notation",
  summary: "Note de MARTIN Adrien — Précision et maturité du projet : 3,5 (M. Thomas Leroy).",
  changes: [{ field: "Précision et maturité du projet", before: "", after: "3,5" }],
  more_changes: 0,
  reference: 12,
};

/** A national campaign's journal, newest first: `n` batches of scores typed at a sitting,
 * each with its first `changes` changes (core sends 50 at most). */
export function nationalJournal(n: number, changes: number): JournalRow[] {
  const names = people(450);
  return Array.from({ length: n }, (_, i) => ({
    ...scoreRow,
    id: 100000 - i,
    action: "scores.batch",
    summary: `Notes de la séance n° ${n - i} saisies par Dr Sophie MARCHAND.`,
    changes: Array.from({ length: changes }, (_, k) => ({ field: `${names[(i + k) % names.length]!.display} — Entretien`, before: "", after: "12" })),
    more_changes: 0,
  }));
}

/** The whole journal: three rows by two people, of three kinds. */
export const journalPage: JournalPage = {
  rows: [importRow, settingsRow, scoreRow],
  matching: 3,
  total: 3,
  persons: ["Claire Dumont, secrétaire", "M. Thomas Leroy"],
  kinds: [
    { kind: "campaign", label: "Campagne", count: 1 },
    { kind: "import", label: "Imports", count: 1 },
    { kind: "scoring", label: "Notation", count: 1 },
  ],
  description: "",
};

/** The page core returns for `filter` on the journal above (only by kind and person: the
 * days are core's to read). */
export function pageFor(filter: JournalFilter): JournalPage {
  const rows = journalPage.rows.filter(
    (r) => (!filter.kind || r.kind === filter.kind) && (!filter.person || r.operator === filter.person),
  );
  const description = [filter.person ? `par ${filter.person}` : "", journalPage.kinds.find((k) => k.kind === filter.kind)?.label ?? ""]
    .filter(Boolean)
    .join(", ");
  return { ...journalPage, rows: rows.slice(0, filter.limit ?? undefined), matching: rows.length, description };
}

/** The journal commands. */
export function journalCommands() {
  return {
    journalSearch: vi.fn((filter: JournalFilter) => ok(pageFor(filter))),
    journalExport: vi.fn(() => ok("Journal — UFR de médecine.xlsx")),
  };
}
