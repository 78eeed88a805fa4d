// Test data and commands of the campaign's figures (« bilan de campagne »): the demo's
// categories, the year's sittings, and last year's totals (the campaign was carried over).
import { vi } from "vitest";
import type { Bilan, GroupFigures } from "../lib/bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

const figures = (label: string, ...v: number[]): GroupFigures => {
  const [received, complete, receivable, heard, offered, given, withdrawn, promoted, unused] = v as [
    number, number, number, number, number, number, number, number, number,
  ];
  return { label, received, complete, receivable, heard, offered, given, withdrawn, promoted, unused };
};

export const bilan: Bilan = {
  campaign: "UFR de médecine et d'odontologie — 2026-2027",
  groups: [
    figures("Étudiants — médecine", 26, 22, 20, 18, 10, 10, 1, 1, 0),
    figures("Étudiants — odontologie", 7, 6, 6, 5, 2, 2, 0, 0, 0),
    figures("Internes — médecine", 20, 17, 15, 14, 8, 7, 1, 0, 1),
    figures("Internes — odontologie", 3, 3, 2, 2, 1, 1, 0, 0, 0),
    figures("PADHUE — médecine", 4, 3, 2, 2, 1, 0, 0, 0, 1),
  ],
  total: figures("Ensemble", 60, 51, 45, 41, 22, 20, 2, 1, 2),
  scores: [
    { label: "Étudiants — médecine", count: 18, quantiles: ["21,4", "26,13", "28,7", "31,05", "34,2"] },
    { label: "Étudiants — odontologie", count: 5, quantiles: ["23,1", "25,6", "27,35", "29,8", "32,5"] },
    { label: "Internes — médecine", count: 14, quantiles: ["19,85", "24,6", "27,1", "29,24", "33,75"] },
    { label: "Internes — odontologie", count: 2, quantiles: ["24,5", "25,44", "26,38", "27,31", "28,25"] },
    { label: "PADHUE — médecine", count: 2, quantiles: ["17,6", "18,9", "20,2", "21,5", "22,8"] },
  ],
  sittings: ["Jeudi 14 janvier 2027 — 21 candidats entendus", "Vendredi 15 janvier 2027 — 20 candidats entendus"],
  previous: "campagne 2025-2026 (« Campagne 2025-2026.cesp »)",
  previous_year: "2025-2026",
  // Core's order: the four figures of the dossiers, then the five of the contracts.
  compared: (
    [
      ["Dossiers reçus", 60, 57],
      ["Dossiers complets", 51, 50],
      ["Dossiers recevables", 45, 46],
      ["Candidats entendus", 41, 39],
      ["Contrats offerts", 22, 20],
      ["Contrats attribués", 20, 19],
      ["Désistements", 2, 1],
      ["Promus de la liste complémentaire", 1, 2],
      ["Contrats non attribués", 2, 2],
    ] as [string, number, number][]
  ).map(([label, now, before]) => ({
    label,
    now,
    before,
    change: now === before ? "=" : now > before ? `+${now - before}` : `−${before - now}`,
  })),
};

/** A first campaign: nothing to compare with. */
export const bilanFirstYear: Bilan = { ...bilan, previous: null, previous_year: null, compared: [] };

/** The bilan's commands, answering with the data above. */
export function bilanCommands() {
  return {
    bilan: vi.fn(() => ok(bilan)),
    bilanPdf: vi.fn(() => ok<string | null>("Bilan CESP 2026-2027.pdf")),
    bilanXlsx: vi.fn(() => ok<string | null>("Bilan CESP 2026-2027.xlsx")),
  };
}
