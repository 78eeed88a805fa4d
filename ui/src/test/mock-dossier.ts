// Test data and commands of the dossiers: checklist, pieces, attachments, eligibility.
import { vi } from "vitest";
import type { AppError, Dossier, DossierCount, DossierTotal, LetterFile, Piece } from "../lib/bindings";
import { people } from "./mock-names";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

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

/** Received after the deadline, and a mandatory piece refused. */
export const notEligible: Dossier = {
  ...complete,
  candidate_id: 3,
  display_name: "NGUYEN Lucas",
  category_label: "Interne — médecine",
  category: "intern",
  received_display: "03/12/2026",
  pieces: complete.pieces.map((p) =>
    p.piece_id === 6
      ? { ...p, status: "not_compliant", status_display: "Non conforme : copie illisible", received_on: null, reason: "copie illisible" }
      : p,
  ),
  eligibility: {
    status: "not_eligible",
    label: "Non recevable",
    computed: "not_eligible",
    reasons: [
      "dossier reçu le 03/12/2026, après la date limite du 01/12/2026",
      "pièce obligatoire non conforme : Relevé d'identité bancaire (RIB) (copie illisible)",
    ],
    overridden: null,
  },
};

/** The incomplete dossier declared eligible by the commission. */
export const overridden: Dossier = {
  ...incomplete,
  eligibility: {
    ...incomplete.eligibility,
    status: "complete",
    label: "Complet (décision de la commission)",
    overridden: {
      eligible: true,
      reason: "RIB transmis par la banque le 20/11/2026",
      at_display: "22/11/2026 à 17 h 40",
      operator: "Claire Dumont, secrétaire",
    },
  },
};

/** The incomplete dossier once its RIB is received. */
export const ribReceived: Dossier = {
  ...incomplete,
  pieces: incomplete.pieces.map((p) =>
    p.piece_id === 6 ? { ...p, status: "received", status_display: "Reçue le 20/11/2026", received_on: "2026-11-20" } : p,
  ),
  eligibility: { status: "complete", label: "Complet", computed: "complete", reasons: [], overridden: null },
};

/** The incomplete dossier with a file joined to its RIB (core marks it received). */
export const ribAttached: Dossier = {
  ...ribReceived,
  pieces: ribReceived.pieces.map((p) =>
    p.piece_id === 6
      ? { ...p, attachments: [{ id: 9, piece_id: 6, file_name: "rib-lefevre.pdf", kind: "PDF", size_kb: 88, added_display: "20/11/2026 à 9 h 05" }] }
      : p,
  ),
};

/** Core's refusal of the RIB (piece 6) marked not compliant without a reason. */
export const reasonRequired: AppError = {
  code: "validation",
  message:
    "Relevé d'identité bancaire (RIB) — « Motif » est obligatoire pour une pièce non conforme : dites ce qui ne va pas (par exemple « copie illisible »).",
  details: [
    {
      field: "6.reason",
      message:
        "Relevé d'identité bancaire (RIB) — « Motif » est obligatoire pour une pièce non conforme : dites ce qui ne va pas (par exemple « copie illisible »).",
    },
  ],
};

export const decisionReasonRequired: AppError = {
  code: "validation",
  message: "« Motif » est obligatoire : la décision de la commission doit être motivée (elle figurera au procès-verbal).",
  details: [
    {
      field: "reason",
      message: "« Motif » est obligatoire : la décision de la commission doit être motivée (elle figurera au procès-verbal).",
    },
  ],
};

export const checklistInvalid: AppError = {
  code: "validation",
  message: "2 points sont à corriger.",
  details: [
    { field: "5.label", message: "Pièce 6 : l'intitulé est obligatoire." },
    { field: "5.categories", message: "Pièce « » : cochez au moins une catégorie de candidats à qui elle est demandée." },
  ],
};

export const letters: LetterFile[] = [
  { candidate_id: null, path: "/home/claire/Courriers/Pièces manquantes - toutes les lettres.pdf" },
  { candidate_id: 2, path: "/home/claire/Courriers/Pièces manquantes - LEFÈVRE Zoé.pdf" },
  { candidate_id: 5, path: "/home/claire/Courriers/Pièces manquantes - MARTIN Paul.pdf" },
];

/** A national campaign's `n` dossiers (ids from 1001): two complete for one incomplete
 * (its RIB missing), in the order core lists them. */
export function nationalDossiers(n: number): Dossier[] {
  return people(n).map((p, i) => ({
    ...(i % 3 === 2 ? incomplete : complete),
    candidate_id: 1001 + i,
    display_name: p.display,
  }));
}

export const failingWith = (error: AppError) => vi.fn(() => fail(error));

export const counts: DossierCount[] = [
  { category: "student", discipline: "medicine", label: "Étudiants — médecine", complete: 14, incomplete: 11, not_eligible: 1 },
  { category: "intern", discipline: "medicine", label: "Internes — médecine", complete: 14, incomplete: 6, not_eligible: 0 },
];

export const total: DossierTotal = { complete: 28, incomplete: 17, not_eligible: 1, all: 46 };

/** The dossier commands, answering with the data above. */
export function dossierCommands() {
  return {
    pieces: vi.fn(() => ok(pieces)),
    piecesSave: vi.fn(() => ok(pieces)),
    dossiers: vi.fn(() => ok({ dossiers: [complete, incomplete, notEligible], counts, total })),
    piecesSet: vi.fn(() => ok(complete)),
    attachmentPick: vi.fn(() => ok(complete)),
    attachmentDropped: vi.fn(() => ok(complete)),
    attachmentOpen: vi.fn(() => ok(null)),
    attachmentRemove: vi.fn(() => ok(complete)),
    eligibilityOverride: vi.fn(() => ok(complete)),
    lettersWrite: vi.fn(() => ok(letters)),
    lettersReturnBy: vi.fn(() => Promise.resolve("12/12/2026")),
  };
}
