// French strings of the campaign's figures (« Bilan de campagne »), on the dashboard: the
// same tables, headings and note as the PDF core writes for the managing body. French
// typography: no-break spaces before « : » « ; » « ? » « ! » and inside guillemets.
import { integer, plural } from "../text";

const nb = "\u00a0";

export const bilan = {
  title: "Bilan de campagne",
  intro: "Les chiffres de l'année pour l'organisme gestionnaire et le conseil de la faculté, tels qu'ils sont à ce jour.",
  empty: `Aucun candidat pour l'instant${nb}: le bilan se remplira au fil de la campagne (dossiers, entretiens, contrats).`,
  pdf: "Bilan (PDF)…",
  xlsx: "Bilan (xlsx)…",
  exported: (file: string) => `Bilan écrit dans «${nb}${file}${nb}».`,
  category: "Catégorie",
  dossiers: {
    caption: "Dossiers et entretiens",
    columns: ["Reçus", "Complets", "Recevables", "Entendus"],
  },
  contracts: {
    caption: "Contrats",
    columns: ["Offerts", "Attribués", "Désistements", "Promus", "Non attribués"],
  },
  /** Last year's totals' row, under this year's. */
  previousRow: (year: string) => `Ensemble ${year}`,
  /** Last year's figure and, in parentheses, the change since (« 57 (+3) »). */
  previousCell: (before: number, change: string) => `${integer(before)} (${change})`,
  /** The previous campaign's note (core names it: « campagne 2025-2026 (« … ») »). */
  previousNote: (year: string, previous: string) =>
    `«${nb}Ensemble ${year}${nb}»${nb}: la ${previous}, et entre parenthèses l'évolution.`,
  scores: {
    caption: "Totaux des candidats entendus",
    count: "Notés",
    columns: ["Plus bas", "1er quartile", "Médian", "3e quartile", "Plus haut"],
    none: "Aucun total de candidat entendu pour l'instant.",
  },
  sittings: {
    label: `Séances de la commission${nb}:`,
    none: "Aucune séance enregistrée.",
    line: (sittings: string[]) => `${sittings.join(`${nb}; `)}.`,
    /** Up to this many sittings are written in one sentence; more are listed on demand. */
    inLine: 6,
    /** The summary of a long list of sittings, opened to read them. */
    many: (n: number, open: boolean) => `${plural(n, "séance", "séances")} (${open ? "masquer" : "afficher"} la liste)`,
  },
};
