// Test data and commands of the dossiers: checklist, pieces, attachments, eligibility.
import { vi } from "vitest";
import type { Dossier, DossierCount, Piece } from "../lib/bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

export const pieces: Piece[] = [
  { id: 1, code: "application_form", label: "Formulaire de candidature", mandatory: true, categories: ["student", "intern"], condition: "none", applies_display: "Étudiants, internes" },
  { id: 3, code: "identity", label: "Pièce d'identité (carte d'identité ou passeport) et photo", mandatory: true, categories: ["student", "intern", "padhue"], condition: "none", applies_display: "Tous les candidats" },
  { id: 4, code: "residence_permit", label: "Titre de séjour", mandatory: true, categories: ["student", "intern", "padhue"], condition: "foreign", applies_display: "Tous les candidats — si nationalité étrangère" },
  { id: 6, code: "rib", label: "Relevé d'identité bancaire (RIB)", mandatory: true, categories: ["student", "intern"], condition: "none", applies_display: "Étudiants, internes" },
  { id: 11, code: "ars_agreement", label: "Accord écrit de l'ARS", mandatory: false, categories: ["student", "intern", "padhue"], condition: "none", applies_display: "Tous les candidats" },
];

export const complete: Dossier = {
  candidate_id: 1,
  display_name: "DUPONT-MOREAU Marie-Ève",
  category_label: "Étudiant — médecine",
  category: "student",
  discipline: "medicine",
  received_display: "18/11/2026",
  pieces: [
    { piece_id: 1, label: "Formulaire de candidature", required: true, applies: true, status: "received", status_display: "Reçue le 18/11/2026", received_on: "2026-11-18", reason: "", attachments: [] },
    {
      piece_id: 3,
      label: "Pièce d'identité (carte d'identité ou passeport) et photo",
      required: true,
      applies: true,
      status: "received",
      status_display: "Reçue le 18/11/2026",
      received_on: "2026-11-18",
      reason: "",
      attachments: [{ id: 7, piece_id: 3, file_name: "cni-recto-verso.pdf", kind: "PDF", size_kb: 412, added_display: "18/11/2026 à 10 h 12" }],
    },
    { piece_id: 4, label: "Titre de séjour", required: false, applies: false, status: null, status_display: "Non demandée", received_on: null, reason: "", attachments: [] },
    { piece_id: 6, label: "Relevé d'identité bancaire (RIB)", required: true, applies: true, status: "received", status_display: "Reçue le 18/11/2026", received_on: "2026-11-18", reason: "", attachments: [] },
    { piece_id: 11, label: "Accord écrit de l'ARS", required: false, applies: true, status: null, status_display: "Facultative — non reçue", received_on: null, reason: "", attachments: [] },
  ],
  eligibility: { status: "complete", label: "Complet", computed: "complete", reasons: [], overridden: null },
};

export const incomplete: Dossier = {
  ...complete,
  candidate_id: 2,
  display_name: "LEFÈVRE Zoé",
  pieces: complete.pieces.map((p) =>
    p.piece_id === 6 ? { ...p, status: "missing", status_display: "Manquante", received_on: null } : p,
  ),
  eligibility: {
    status: "incomplete",
    label: "Incomplet",
    computed: "incomplete",
    reasons: ["1 pièce manquante : Relevé d'identité bancaire (RIB)"],
    overridden: null,
  },
};

export const counts: DossierCount[] = [
  { category: "student", discipline: "medicine", label: "Étudiants — médecine", complete: 14, incomplete: 11, not_eligible: 1 },
  { category: "intern", discipline: "medicine", label: "Internes — médecine", complete: 14, incomplete: 6, not_eligible: 0 },
];

/** The dossier commands, answering with the data above. */
export function dossierCommands() {
  return {
    pieces: vi.fn(() => ok(pieces)),
    piecesSave: vi.fn(() => ok(pieces)),
    dossiers: vi.fn(() => ok({ dossiers: [complete, incomplete], counts })),
    pieceSet: vi.fn(() => ok(complete)),
    attachmentPick: vi.fn(() => ok(complete)),
    attachmentDropped: vi.fn(() => ok(complete)),
    attachmentOpen: vi.fn(() => ok(null)),
    attachmentRemove: vi.fn(() => ok(complete)),
    eligibilityOverride: vi.fn(() => ok(complete)),
    lettersWrite: vi.fn(() => ok([{ candidate_id: null, path: "/tmp/Pièces manquantes - toutes les lettres.pdf" }])),
  };
}
