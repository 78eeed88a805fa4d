// A test implementation of the backend seam, with realistic data and call recording.
import { vi } from "vitest";
import { allocationCommands } from "./mock-allocation";
import { bilanCommands } from "./mock-bilan";
import { minutesCommands } from "./mock-minutes";
import { scheduleCommands } from "./mock-schedule";
import { commissionCommands } from "./mock-commission";
import { dossierCommands } from "./mock-dossier";
import { journalCommands } from "./mock-journal";
import { mailCommands } from "./mock-mail";
import { roomCommands } from "./mock-room";
import { carryCommands } from "./mock-carry";
import { scoringCommands } from "./mock-scoring";
import type { Backend } from "../lib/backend";
import type {
  About,
  AppError,
  CampaignSettings,
  CampaignSummary,
  CandidateData,
  CandidateRow,
  Dossier,
  Field,
  FieldInfo,
  MergePlan,
  Places,
  Preview,
  Quotas,
  QuotasText,
  Retention,
} from "../lib/bindings";

export const settings: CampaignSettings = {
  ufr_name: "UFR de médecine et d'odontologie",
  university: "Université de démonstration Jules-Verne",
  city: "Amiens",
  academic_year: "2026-2027",
  disciplines: ["medicine", "odontology"],
  dossier_deadline: "2026-12-01",
  managing_body: "Centre national de gestion (CNG)",
  quotas: {
    student: { medicine: 10, odontology: 2 },
    intern: { medicine: 8, odontology: 1 },
    padhue: { medicine: 1, odontology: 0 },
  },
};

export const summary: CampaignSummary = {
  path: "/home/claire/Campagne de démonstration.cesp",
  title: "UFR de médecine et d'odontologie — 2026-2027",
  settings,
  deadline_display: "mardi 1er décembre 2026",
  counts: [
    { category: "student", discipline: "medicine", label: "Étudiants — médecine", candidates: 26, quota: 10, dossiers_complete: 0, dossiers_incomplete: 26, dossiers_not_eligible: 0, per_contract: "2,6" },
    { category: "student", discipline: "odontology", label: "Étudiants — odontologie", candidates: 7, quota: 2, dossiers_complete: 0, dossiers_incomplete: 7, dossiers_not_eligible: 0, per_contract: "3,5" },
    { category: "intern", discipline: "medicine", label: "Internes — médecine", candidates: 20, quota: 8, dossiers_complete: 0, dossiers_incomplete: 20, dossiers_not_eligible: 0, per_contract: "2,5" },
    { category: "intern", discipline: "odontology", label: "Internes — odontologie", candidates: 3, quota: 1, dossiers_complete: 0, dossiers_incomplete: 3, dossiers_not_eligible: 0, per_contract: "3" },
    { category: "padhue", discipline: "medicine", label: "PADHUE — médecine", candidates: 4, quota: 1, dossiers_complete: 0, dossiers_incomplete: 4, dossiers_not_eligible: 0, per_contract: "4" },
    { category: "padhue", discipline: "odontology", label: "PADHUE — odontologie", candidates: 0, quota: 0, dossiers_complete: 0, dossiers_incomplete: 0, dossiers_not_eligible: 0, per_contract: "—" },
  ],
  candidate_count: 60,
  contract_count: 22,
  member_count: 7,
  schema_version: 2,
  created_display: "22/11/2026 à 17 h 37",
  read_only: false,
  encrypted: false,
};

export const fields: FieldInfo[] = (
  [
    ["last_name", "Nom", true],
    ["first_names", "Prénom(s)", true],
    ["birth_name", "Nom de naissance", false],
    ["birth_date", "Date de naissance", false],
    ["sex", "Sexe", false],
    ["email", "Courriel", false],
    ["phone", "Téléphone", false],
    ["student_number", "N° étudiant / INE", false],
    ["category", "Catégorie", true],
    ["discipline", "Discipline", true],
    ["study_year", "Année d'études", false],
    ["specialty", "Spécialité envisagée", false],
    ["practice_mode", "Mode d'exercice envisagé", false],
    ["region", "Région / ARS envisagée", false],
    ["national_rank", "Rang (EDN / ECN)", false],
    ["cohort_size", "Effectif classé", false],
    ["average_n1", "Moyenne N-1", false],
    ["average_n2", "Moyenne N-2", false],
    ["ars_agreement", "Accord de l'ARS", false],
    ["nationality", "Nationalité", false],
    ["dossier_received", "Dossier reçu le", false],
    ["notes", "Notes", false],
  ] as [Field, string, boolean][]
).map(([field, label, mandatory]) => ({ field, label, mandatory }));

/** A candidate as core lists it. */
export function candidate(id: number, last: string, first: string, extra: Partial<CandidateData> = {}): CandidateRow {
  const data: CandidateData = {
    last_name: last,
    first_names: first,
    birth_name: null,
    birth_date: "2001-01-16",
    sex: null,
    email: `${first.toLowerCase()}@etu.fr`,
    phone: null,
    student_number: `2100${id}`,
    category: "student",
    discipline: "medicine",
    study_year: "DFASM2",
    specialty: "Médecine générale",
    practice_mode: null,
    region: null,
    national_rank: null,
    cohort_size: null,
    average_n1: 14.25,
    average_n2: null,
    ars_agreement: true,
    nationality: "Française",
    dossier_received: "2026-11-20",
    notes: null,
    ...extra,
  };
  const shown: Record<string, string> = {
    last_name: data.last_name,
    first_names: data.first_names,
    birth_date: "16/01/2001",
    email: data.email ?? "",
    student_number: data.student_number ?? "",
    category: data.category === "intern" ? "Interne" : "Étudiant",
    discipline: "Médecine",
    study_year: data.study_year ?? "",
    specialty: data.specialty ?? "",
    average_n1: "14,25",
    ars_agreement: data.ars_agreement ? "Oui" : "Non",
    nationality: data.nationality ?? "",
    dossier_received: data.dossier_received ? data.dossier_received.split("-").reverse().join("/") : "",
  };
  return {
    id,
    display_name: `${last} ${first}`,
    category: data.category ?? "student",
    discipline: data.discipline ?? "medicine",
    category_label: data.category === "intern" ? "Interne — médecine" : "Étudiant — médecine",
    data,
    birth_date_display: "16/01/2001",
    dossier_received_display: shown.dossier_received ?? "",
    shown: fields.map((f) => ({ field: f.field, text: shown[f.field] ?? "" })),
  };
}

export const preview: Preview = {
  file_name: "candidats-2026.xlsx",
  format: "Excel (xlsx)",
  sheets: ["Candidats 2026", "Notes"],
  sheet: "Candidats 2026",
  header_row: 3,
  columns: [
    { index: 0, letter: "A", header: "NOM", field: "last_name", samples: ["Roussel", "Benoît"] },
    { index: 1, letter: "B", header: "Prénom", field: "first_names", samples: ["chloé", "Loïc"] },
    { index: 2, letter: "C", header: "Date de naissance", field: "birth_date", samples: ["14/03/2002", "29/02/2001"] },
    { index: 3, letter: "D", header: "Code", field: null, samples: ["A12"] },
  ],
  missing: [],
  counts: { rows: 4, create: 2, update: 1, unchanged: 0, conflicts: 1, rejected_rows: 1, blank: 0 },
  creates: [
    { row: 4, name: "ROUSSEL Chloé", category_label: "Étudiant — médecine" },
    { row: 6, name: "KERGOAT Maëlys", category_label: "Interne — médecine" },
  ],
  updates: [
    {
      row: 7,
      candidate_id: 3,
      name: "VIDAL Théo",
      changes: [{ field: "average_n1", label: "Moyenne N-1", before: "12", after: "13,5" }],
    },
  ],
  conflicts: [
    {
      row: 7,
      candidate_id: 3,
      name: "VIDAL Théo",
      field: "email",
      label: "Courriel",
      in_app: "theo.vidal@gmail.com",
      in_file: "t.vidal@etu.fr",
      take_file: false,
    },
  ],
  rejected: [
    {
      row: 5,
      column: "C",
      header: "Date de naissance",
      value: "29/02/2001",
      reason: "date invalide : février 2001 n'a que 28 jours",
    },
  ],
  truncated: false,
};

export const mergePlan: MergePlan = {
  file_name: "copie du référent.cesp",
  new_candidates: [{ display_name: "NGUYEN Thành", category_label: "Étudiant — médecine", pieces: 8, attachments: 1 }],
  incoming: [{ display_name: "DUPONT-MOREAU Marie-Ève", piece: "Curriculum vitae", theirs: "Reçue le 17/11/2026" }],
  conflicts: [
    {
      key: "2:6",
      display_name: "LEFÈVRE Zoé",
      piece: "Relevé d'identité bancaire (RIB)",
      ours: "Non conforme : RIB au nom d'un tiers",
      ours_at: "20/11/2026 à 10 h",
      theirs: "Reçue le 19/11/2026",
      theirs_at: "25/11/2026 à 11 h",
      theirs_newer: true,
    },
  ],
  new_checklist_pieces: [],
  unchanged: 14,
};

export const retention: Retention = {
  months: 12,
  campaign_end: "mardi 31 août 2027",
  purge_from: "jeudi 31 août 2028",
  purge_allowed: false,
  purgeable: ["OKAFOR Chidi"],
  purged: 0,
};

/** Where this machine keeps things, as the shell reports them. */
export const places: Places = {
  campaigns: "/home/claire/Documents",
  backups: "/home/claire/.local/share/cesp-commission/sauvegardes",
  settings: "/home/claire/.config/cesp-commission",
  demo: "/home/claire/.local/share/cesp-commission/Campagne de démonstration.cesp",
};

export const about: About = {
  version: "0.1.0",
  build_date: "2 décembre 2026",
  licenses:
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: cesp-commission\n\nFiles: *\nCopyright: 2026 CESP Commission contributors\nLicense: MIT\n\nFiles: assets/fonts/*\nCopyright: 2012 Google Inc.\nLicense: OFL-1.1\n",
  license_file: "/usr/share/doc/cesp-commission/copyright",
  places,
};

/** The file double-clicked while the app was open (not the demo). */
export const requestedSummary: CampaignSummary = {
  ...summary,
  path: "/home/claire/Documents/Tours 2026-2027.cesp",
  title: "UFR de médecine de Tours — 2026-2027",
};

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

/** The passphrase of the mock's encrypted files. */
/** The contingents typed, as numbers (a test double of core's reading: digits only). */
export function quotasOf(q: QuotasText): Quotas {
  const n = (t: string) => (/^\d+$/.test(t.trim()) ? Number(t.trim()) : 0);
  const d = (x: { medicine: string; odontology: string }) => ({ medicine: n(x.medicine), odontology: n(x.odontology) });
  return { student: d(q.student), intern: d(q.intern), padhue: d(q.padhue) };
}

const blankQuotas: QuotasText = {
  student: { medicine: "0", odontology: "0" },
  intern: { medicine: "0", odontology: "0" },
  padhue: { medicine: "0", odontology: "0" },
};

export const secret = "cèdre lumière vingt falaises";

/** Core's answer when an encrypted file is opened without its passphrase. */
export const passphraseRequired: AppError = {
  code: "passphrase_required",
  message: "Le fichier « Amiens 2026.cesp » est chiffré : saisissez sa phrase de passe pour l'ouvrir.",
  details: [],
};

const invalid = (field: string, message: string): AppError => ({ code: "validation", message, details: [{ field, message }] });

/** Core's checks of a passphrase chosen twice (Passphrase::chosen): the problem, if any. */
function chosen(passphrase: string, confirmation: string): AppError | null {
  if (passphrase.trim().length < 12)
    return invalid(
      "passphrase",
      "La phrase de passe doit compter au moins 12 caractères : prenez plutôt quelques mots faciles à retenir (par exemple « cèdre lumière vingt falaises »).",
    );
  if (confirmation !== passphrase)
    return invalid("confirmation", "Les deux saisies de la phrase de passe diffèrent : retapez-la à l'identique.");
  return null;
}

export function mockBackend(overrides: Partial<Backend> = {}): Backend {
  const wrongCurrent = () =>
    fail(invalid("current", "La phrase de passe actuelle saisie n'est pas la bonne : retapez-la (majuscules, accents, espaces)."));
  const base: Backend = {
    getSession: vi.fn(() =>
      ok({ operator: null, campaign: null, recent: [], startup_error: null, version: "0.1.0", first_run: false, requested_file: null }),
    ),
    setOperator: vi.fn((name: string) =>
      name.trim() === ""
        ? fail({ code: "validation", message: "Saisissez votre nom.", details: [] })
        : ok(name.trim()),
    ),
    placesGet: vi.fn(() => ok(places)),
    // Core's rule for the operator's name (cesp_core::operator::parse).
    welcomeDone: vi.fn((name: string) =>
      name.trim() === ""
        ? fail(
            invalid("operator", "Saisissez votre nom (par exemple « Claire Dumont, secrétaire ») : il est inscrit au journal."),
          )
        : ok(name.trim().split(/\s+/).join(" ")),
    ),
    about: vi.fn(() => ok(about)),
    openBackupsFolder: vi.fn(() => ok(null)),
    openRequested: vi.fn(() => ok(requestedSummary)),
    forgetRequested: vi.fn(() => ok(null)),
    setWindowTitle: vi.fn(() => ok(null)),
    newCampaign: vi.fn((_: CampaignSettings, passphrase: string | null, confirmation: string | null) => {
      if (passphrase === null) return ok(summary);
      const problem = chosen(passphrase, confirmation ?? "");
      return problem ? fail(problem) : ok({ ...summary, encrypted: true });
    }),
    blankSettings: vi.fn(() =>
      ok({ ...settings, ufr_name: "", university: "", city: "", dossier_deadline: "", quotas: quotasOf(blankQuotas) }),
    ),
    // Core reads the contingents typed; this double only turns digits into numbers.
    readSettings: vi.fn((s: CampaignSettings, q: QuotasText) => ok({ ...s, quotas: quotasOf(q) })),
    quotasTotal: vi.fn((q: QuotasText) => {
      const n = quotasOf(q);
      return ok(String([n.student, n.intern, n.padhue].reduce((t, d) => t + d.medicine + d.odontology, 0)));
    }),
    openCampaign: vi.fn(() => ok(null)),
    openRecent: vi.fn(() => ok(summary)),
    unlockCampaign: vi.fn((passphrase: string) => {
      if (passphrase === "") return fail(invalid("passphrase", "Saisissez la phrase de passe du fichier."));
      if (passphrase !== secret)
        return fail({
          code: "wrong_passphrase",
          message:
            "La phrase de passe ne permet pas d'ouvrir « Amiens 2026.cesp » : vérifiez-la (majuscules, accents, espaces) et réessayez. Si elle est exacte, ce fichier n'est pas une campagne CESP. Le fichier n'a pas été modifié.",
          details: [],
        });
      return ok({ ...summary, encrypted: true });
    }),
    setPassphrase: vi.fn((current: string | null, passphrase: string, confirmation: string) => {
      const problem = chosen(passphrase, confirmation);
      if (problem) return fail(problem);
      // An encrypted campaign's passphrase is `secret` (current is null for a plain one).
      if (current !== null && current !== secret) return wrongCurrent();
      return ok({ ...summary, encrypted: true });
    }),
    removePassphrase: vi.fn((current: string) => {
      if (current !== secret) return wrongCurrent();
      return ok({ ...summary, encrypted: false });
    }),
    forgetRecent: vi.fn(() => ok([])),
    openDemo: vi.fn(() => ok(summary)),
    resetDemo: vi.fn(() => ok(summary)),
    closeCampaign: vi.fn(() => ok([])),
    campaignSummary: vi.fn(() => ok(summary)),
    updateSettings: vi.fn(() => ok(summary)),
    ...journalCommands(),
    candidates: vi.fn(() => ok([])),
    // As core: the names are those of the candidates' list (a test's list included).
    candidateNames: vi.fn(async () => {
      const r = await backend.candidates();
      return r.status === "ok" ? ok(r.data.map(({ id, display_name, category_label }) => ({ id, display_name, category_label }))) : r;
    }),
    // As core: one dossier, whole, as the list has it (a test's list holds whole dossiers).
    dossier: vi.fn(async (id: number) => {
      const r = await backend.dossiers();
      if (r.status === "error") return r;
      const d = r.data.dossiers.find((x) => x.candidate_id === id);
      return d ? ok(d as Dossier) : fail({ code: "missing", message: `Le candidat n° ${id} n'existe pas.`, details: [] });
    }),
    members: vi.fn(() => ok([])),
    fieldCatalogue: vi.fn(() => ok(fields)),
    importPickFile: vi.fn(() => ok({ file_name: "candidats-2026.xlsx" })),
    importPreview: vi.fn(() => ok(preview)),
    importApply: vi.fn(() => ok({ batch_id: 1, preview })),
    importCancel: vi.fn(() => ok(null)),
    importHistory: vi.fn(() => ok([])),
    importUndo: vi.fn(() => ok(2)),
    mappingTemplates: vi.fn(() => ok([])),
    saveMappingTemplate: vi.fn((t) => ok([t])),
    deleteMappingTemplate: vi.fn(() => ok([])),
    candidateSetField: vi.fn((id: number) => ok(candidate(id, "LEFÈVRE", "Zoé"))),
    candidateAdd: vi.fn(() => ok(candidate(99, "NOUVEAU", "Candidat"))),
    candidatesDelete: vi.fn((ids: number[]) =>
      ok(ids.map((id) => ({ id, data: candidate(id, "X", "Y").data, imported: null, import_batch: null }))),
    ),
    candidatesRestore: vi.fn((d: unknown[]) => ok(d.length)),
    candidatesExport: vi.fn(() => ok("Candidats.xlsx")),
    importExportRejected: vi.fn(() => ok("candidats-2026 - lignes rejetées.xlsx")),
    backupsList: vi.fn(() =>
      ok([
        {
          file_name: "2026-11-22_18-02-11.482_avant-import.cesp",
          taken_display: "dimanche 22 novembre 2026 à 18 h 02",
          reason: "Avant un import",
          size_kb: 96,
        },
      ]),
    ),
    backupRestore: vi.fn(() => ok(summary)),
    ...commissionCommands(),
    ...scoringCommands(),
    ...dossierCommands(),
    ...allocationCommands(),
    ...minutesCommands(),
    ...scheduleCommands(),
    ...mailCommands(),
    ...roomCommands(),
    ...carryCommands(summary, secret),
    ...bilanCommands(),
    mergePreview: vi.fn(() => ok(mergePlan)),
    mergeApply: vi.fn(() => ok(mergePlan)),
    retention: vi.fn(() => ok(retention)),
    retentionSet: vi.fn((months: string) => ok({ ...retention, months: Number(months) })),
    purge: vi.fn(() => ok({ candidates: 1, attachments: 2, export: "/tmp/Candidats non retenus — données purgées.xlsx" })),
    events: {
      onImportProgress: vi.fn(() => Promise.resolve(() => {})),
      onMailProgress: vi.fn(() => Promise.resolve(() => {})),
      onJobProgress: vi.fn(() => Promise.resolve(() => {})),
      onJobDone: vi.fn(() => Promise.resolve(() => {})),
      onFileDropped: vi.fn(() => Promise.resolve(() => {})),
      onFileRequested: vi.fn(() => Promise.resolve(() => {})),
      onRoomChanged: vi.fn(() => Promise.resolve(() => {})),
    },
  };
  const backend: Backend = { ...base, ...overrides };
  return backend;
}
