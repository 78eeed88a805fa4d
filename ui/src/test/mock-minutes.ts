// Test data and commands of the minutes: a draft, its sealed version, a verification.
import { vi } from "vitest";
import type { Minutes, MinutesState, SignatureCheck, Signer, Verification } from "../lib/bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

const chair = { id: 1, name: "Pr Jean-Marc LEFEBVRE", role: "Président(e) — directeur de l'UFR ou son représentant", voting: true };
const ars = { id: 2, name: "Dr Sophie MARCHAND", role: "Représentant(e) de l'ARS", voting: true };

export const minutesDoc: Minutes = {
  campaign_uid: "0123456789abcdef",
  title: "Procès-verbal de la commission CESP — 2026-2027",
  letterhead: ["UFR de médecine et d'odontologie", "Université de démonstration Jules-Verne"],
  legal_basis: ["Code de l'éducation, article L. 632-6 (contrat d'engagement de service public)."],
  managing_body: "Centre national de gestion (CNG)",
  quotas: ["Étudiants — médecine : 2 contrats"],
  commission_rules: "La commission délibère valablement lorsque la moitié au moins des membres ayant voix délibérative sont présents.",
  sittings: [{ when: "jeudi 14 janvier 2027 à 9 h", place: "Salle du conseil", present: [chair, ars], excused: [], absent: [], quorum: "Quorum atteint : 2 membres votants présents sur 2 (1 requis).", heard: 2 }],
  grid: [{ block: "Projet professionnel (sur 15)", criteria: ["Motivation — sur 5, coefficient 1"] }],
  grid_total: "Total sur 40",
  padhue: "",
  recusals: [],
  heard: [{ label: "Étudiants — médecine", blocks: ["Projet", "Résultats", "Entretien"], rows: [{ name: "COLIN Théo", blocks: ["12,5", "8", "12,05"], total: "32,55" }] }],
  allocation_rules: "Conditions pour être classé : dossier recevable, entendu en entretien.",
  lists: [{ label: "Étudiants — médecine", quota: "2 contrats", main: [{ position: "1", name: "COLIN Théo", total: "32,55", reason: "retenu — rang 1 sur 1, étudiants — médecine" }], complementary: [], not_retained: [], unused: 1 }],
  notices: [],
  votes: [],
  overrides: [],
  withdrawals: [],
  annex: [{ at: "15/01/2027 à 17 h 40", operator: "Claire Dumont", summary: "Attribution n° 1." }],
  journal_until: 40,
  signatories: [chair, ars],
  place_date: "Fait à Amiens, le 17 janvier 2027",
  sealing: [],
};

const facts = { chair: "Pr Jean-Marc LEFEBVRE", last_sitting: "14/01/2027" };

export const draft: MinutesState = { minutes: minutesDoc, sealed: null, versions: [], checklist: [], ...facts, signers: [] };

export const sealedVersion = {
  version: 1,
  sealed_display: "17/01/2027 à 18 h 05",
  sealed_by: "Pr Jean-Marc LEFEBVRE, président(e) de la commission",
  fingerprint: "9c17ff23012204045f759b67b07873a366494edb64f1efcddbd8bd98ce2fac19",
  in_force: true,
  reopened: null,
  approvals: [],
};

const sealedDoc: Minutes = {
  ...minutesDoc,
  sealing: [
    "Procès-verbal scellé par Pr Jean-Marc LEFEBVRE, président(e) de la commission.",
    "Scellé en connaissance du point suivant, pour ce motif : « contrat reporté à l'an prochain ».",
    "Étudiants — médecine : 1 contrat non attribué sur 2 : pas assez de candidats.",
  ],
};

/** Who signs the sealed minutes electronically, in core's order: the chair last. */
export const signers: Signer[] = [
  { member: ars.id, name: ars.name, role: ars.role, chair: false, signed: null },
  { member: chair.id, name: chair.name, role: chair.role, chair: true, signed: null },
];

/** A member's electronic signature, as core shows it. */
export const signedBy = (holder: string) => ({ at: "17/01/2027 à 18 h 20", holder, issuer: "AC Universités de test" });

export const sealedState: MinutesState = { minutes: sealedDoc, sealed: sealedVersion, versions: [sealedVersion], checklist: [], ...facts, signers };

/** The sealed minutes once Dr Sophie MARCHAND has signed with her certificate. */
export const signedByArs: MinutesState = {
  ...sealedState,
  signers: [{ ...signers[0]!, signed: signedBy("Sophie Marchand") }, signers[1]!],
};

export const verification: Verification = {
  pdf_matches: true,
  version: 1,
  data_match: true,
  findings: ["Le PDF est exactement celui de la version 1 du procès-verbal."],
  verdict: "Conforme : ce PDF est la version 1 scellée du procès-verbal, et les données n'ont pas changé.",
  signatures: [],
};

const check = (n: number, signer: string, ok: boolean, member: number): SignatureCheck => ({
  field: `Signature-membre-${member}`,
  signer,
  subject: `CN=${signer},O=Université de démonstration Jules-Verne`,
  issuer: "AC Universités de test",
  signed_at: "17/01/2027 à 18 h 20",
  intact: true,
  unchanged_after: ok,
  certificate_valid: true,
  findings: [
    `Signature ${n} : ${signer} (certificat délivré par AC Universités de test), le 17/01/2027 à 18 h 20.`,
    "Les octets signés sont intacts et la signature est bien celle du certificat.",
    ok
      ? "Le document n'a pas été modifié après cette signature."
      : "Le document a été modifié après cette signature : ce qui a été ajouté ensuite n'est pas couvert par elle.",
    "Le certificat était valide à la date de signature (dates de validité et usage de signature). Hors ligne, ni sa révocation ni la confiance dans l'autorité qui l'a délivré ne sont vérifiées : un lecteur relié à internet (Adobe Reader, le validateur de l'Union européenne) le fait.",
  ],
});

/** A signed PDF checked: the first signature sound, the second followed by a change. */
export const signedVerification: Verification = {
  pdf_matches: false,
  version: 1,
  data_match: true,
  signatures: [check(1, "Sophie Marchand", true, 2), check(2, "Jean-Marc Lefebvre", false, 1)],
  findings: [
    "Sous ses signatures électroniques, le PDF est exactement celui de la version 1 du procès-verbal.",
    "Les données de la campagne disent toujours ce que dit la version 1.",
    ...check(1, "Sophie Marchand", true, 2).findings,
    ...check(2, "Jean-Marc Lefebvre", false, 1).findings,
  ],
  verdict: "Non conforme : ce PDF a été modifié après avoir été signé ; une signature au moins ne couvre plus ce qu'il contient.",
};

/** The minutes commands, answering with the data above. */
export function minutesCommands() {
  return {
    minutes: vi.fn(() => ok(draft)),
    minutesSeal: vi.fn(() => ok(sealedState)),
    minutesReopen: vi.fn(() => ok(draft)),
    minutesApprove: vi.fn(() => ok(sealedState)),
    minutesSignature: vi.fn(() => ok(sealedState)),
    minutesPickCertificate: vi.fn(() => ok<string | null>("/home/sophie/Certificats/marchand.p12")),
    minutesSign: vi.fn(() => ok(signedByArs)),
    minutesExport: vi.fn(() => ok("Procès-verbal CESP.pdf")),
    minutesVerify: vi.fn(() => ok(verification)),
  };
}
