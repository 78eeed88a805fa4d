// E-mail as core answers it on the demo campaign: the settings, a batch's preview (the
// texts core wrote for the demo's convocations), the report of a batch, the record.
import { vi } from "vitest";
import type {
  AppError,
  MailLine,
  MailPreview,
  MailProgress,
  MailReport,
  MailRequest,
  MailSettings,
  MailSettingsView,
  PreviewMessage,
} from "../lib/bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

/** The settings of a campaign that never saved any (core's `MailSettings::blank`). */
export const blankMailSettings: MailSettings = {
  host: "",
  port: "587",
  security: "starttls",
  user: "",
  sender_name: "",
  sender_address: "",
  reply_to: "",
  signature: "",
};

export const mailSettings: MailSettings = {
  host: "smtp.univ-demo.fr",
  port: "587",
  security: "starttls",
  user: "scol-medecine",
  sender_name: "Scolarité — UFR de médecine",
  sender_address: "cesp@univ-demo.fr",
  reply_to: "",
  signature: "Le service de la scolarité\nUFR de médecine et d'odontologie",
};

export const mailSettingsView: MailSettingsView = { settings: mailSettings, password_stored: true, keyring_problem: null };

/** Core's refusal of a port that is not one (MailSettings::validated). */
export const badPort = (port: string): AppError => {
  const message = `« Port » : « ${port} » n'est pas un numéro de port (de 1 à 65535 ; 587 pour STARTTLS, 465 pour TLS).`;
  return { code: "validation", message, details: [{ field: "port", message }] };
};

/** A test double of core's checks of the settings: only the port and the host. */
function save(settings: MailSettings, password: string | null) {
  const port = Number(settings.port.trim());
  if (!/^\d+$/.test(settings.port.trim()) || port < 1 || port > 65535) return fail(badPort(settings.port.trim()));
  if (settings.host.trim() === "") {
    const message = "« Serveur » : indiquez le nom du serveur d'envoi de la faculté (par exemple smtp.univ-exemple.fr).";
    return fail({ code: "validation", message, details: [{ field: "host", message }] });
  }
  const stored = password !== null && password !== "" ? true : mailSettingsView.password_stored;
  return ok({ settings: { ...settings, host: settings.host.trim(), port: String(port) }, password_stored: stored, keyring_problem: null });
}

export const testSent =
  "Courriel d'essai envoyé à cesp@univ-demo.fr par smtp.univ-demo.fr:587 (STARTTLS) (réponse du serveur : 250 2.0.0 Ok: queued as 4F2A1). Vérifiez qu'il est bien arrivé.";

export const wrongPassword: AppError = {
  code: "mail_auth",
  message:
    "Le serveur smtp.univ-demo.fr:587 (STARTTLS) refuse l'identifiant ou le mot de passe (permanent error (535): 5.7.8 Authentication credentials invalid) : vérifiez-les dans « Paramètres », « Envoi des courriels ». Rien n'a été envoyé.",
  details: [],
};

export const unreachable: AppError = {
  code: "mail_unreachable",
  message:
    "Le serveur d'envoi smtp.univ-demo.fr:587 (STARTTLS) est injoignable (Connection refused (os error 111)) : vérifiez son nom et son port, et que cet ordinateur est relié au réseau de la faculté. Rien n'a été envoyé.",
  details: [],
};

/** A convocation as core writes it for the demo. */
function convocation(candidate: number, name: string, to: string, when: string, madame: boolean): PreviewMessage {
  return {
    candidate,
    name,
    to,
    subject: `Convocation à l'entretien CESP — ${when}`,
    body: `${madame ? "Madame" : "Monsieur"},\n\nVous trouverez ci-joint votre convocation à l'entretien de la commission de sélection du contrat d'engagement de service public (UFR de médecine et d'odontologie), le ${when}. Le fichier « Entretien CESP - ${name}.ics », joint lui aussi, l'ajoute à votre agenda.\n\nMerci d'apporter le jour de l'entretien les pièces indiquées dans la convocation.\n\nBien cordialement,\n\nLe service de la scolarité\nUFR de médecine et d'odontologie\n`,
    attachments: [
      { name: `Convocation CESP - ${name}.pdf` },
      { name: `Entretien CESP - ${name}.ics` },
    ],
  };
}

export const convocations: MailPreview = {
  kind: "convocations",
  messages: [
    convocation(43, "BERNARD Noémie", "noemie.bernard@etu.demo-jules-verne.fr", "jeudi 14 janvier 2027 à 8 h 30", true),
    convocation(12, "MARTIN Adrien", "adrien.martin@etu.demo-jules-verne.fr", "jeudi 14 janvier 2027 à 9 h 10", false),
    convocation(7, "LEFÈVRE Zoé", "zoe.lefevre@etu.demo-jules-verne.fr", "vendredi 15 janvier 2027 à 10 h 30", true),
  ],
  without_address: [{ candidate: 23, name: "PICARD Clémence" }],
  invalid_addresses: [
    { candidate: 31, name: "ROUX Hugo", address: "hugo.roux@", reason: "« hugo.roux@ » n'est pas une adresse électronique valable (partie avant ou après « @ » incorrecte)." },
  ],
  already_sent: [{ candidate: 5, name: "DUPONT-MOREAU Marie-Ève", to: "marie-eve.dupont@etu.demo-jules-verne.fr", at: "12/01/2027 à 9 h 05" }],
};

/** The missing-pieces letters asking for the pieces by `by` (core's proposal: 12/12/2026). */
export function missingPieces(by: string): MailPreview {
  return {
    kind: "missing_pieces",
    messages: [
      {
        candidate: 2,
        name: "LEFÈVRE Zoé",
        to: "zoe.lefevre@etu.demo-jules-verne.fr",
        subject: "Dossier CESP : pièces manquantes",
        body: `Madame,\n\nVotre dossier de candidature au contrat d'engagement de service public (UFR de médecine et d'odontologie) est incomplet. La lettre jointe indique les pièces qui manquent, à nous faire parvenir au plus tard le ${by}.\n\nBien cordialement,\n\nLe service de la scolarité\n`,
        attachments: [{ name: "Pièces manquantes - LEFÈVRE Zoé.pdf" }],
      },
    ],
    without_address: [],
    invalid_addresses: [],
    already_sent: [],
  };
}

/** Core's refusal of a return date that is not one. */
export const badReturnBy = (typed: string): AppError => {
  const message = `« Date limite de retour » : « ${typed} » n'est pas une date ; écrivez-la JJ/MM/AAAA.`;
  return { code: "validation", message, details: [{ field: "return_by", message }] };
};

/** Every one already has it: nothing to send. */
export const nothingToSend: MailPreview = {
  kind: "letters",
  messages: [],
  without_address: [],
  invalid_addresses: [],
  already_sent: [{ candidate: 43, name: "BERNARD Noémie", to: "noemie.bernard@etu.demo-jules-verne.fr", at: "20/01/2027 à 14 h 12" }],
};

/** What core answers for `request` (a double: missing pieces read the date typed). */
function preview(request: MailRequest) {
  if (request.kind === "missing_pieces") {
    const by = (request.return_by ?? "").trim();
    if (by === "") return ok(missingPieces("12/12/2026"));
    if (!/^\d{2}\/\d{2}\/\d{4}$/.test(by)) return fail(badReturnBy(by));
    return ok(missingPieces(by));
  }
  return ok({ ...convocations, kind: request.kind });
}

/** The whole batch of the convocations above went. */
export const sentReport: MailReport = {
  batch: 4,
  sent: convocations.messages.map((m) => ({ candidate: m.candidate, to: m.to, subject: m.subject })),
  refused: [],
  already_sent: 1,
  stopped: null,
};

/** One refused by the server, and the connection lost before the last. */
export const cutReport: MailReport = {
  batch: 5,
  sent: [{ candidate: 43, to: "noemie.bernard@etu.demo-jules-verne.fr", subject: "Convocation à l'entretien CESP — jeudi 14 janvier 2027 à 8 h 30" }],
  refused: [{ candidate: 12, name: "MARTIN Adrien", to: "adrien.martin@etu.demo-jules-verne.fr", answer: "550 5.1.1 Mailbox unknown" }],
  already_sent: 1,
  stopped:
    "La connexion au serveur smtp.univ-demo.fr:587 (STARTTLS) a été perdue après 1 courriel envoyé (connection closed) : relancez l'envoi quand le serveur répond, seuls les courriels qui ne sont pas partis seront envoyés.",
};

export const mailLines: MailLine[] = [
  {
    id: 3,
    batch: 2,
    kind: "convocations",
    kind_label: "convocation",
    candidate: 12,
    name: "MARTIN Adrien",
    to: "adrien.martin@etu.demo-jules-verne.fr",
    subject: "Convocation à l'entretien CESP — jeudi 14 janvier 2027 à 9 h 10",
    attachment_sha256: "9c1185a5c5e9fc54612808977ee8f548b2258d31d1f8a4e5e2c3a1b0f6e7d8c9",
    sent: false,
    answer: "550 5.1.1 Mailbox unknown",
    at: "12/01/2027 à 9 h 06",
  },
  {
    id: 2,
    batch: 2,
    kind: "convocations",
    kind_label: "convocation",
    candidate: 43,
    name: "BERNARD Noémie",
    to: "noemie.bernard@etu.demo-jules-verne.fr",
    subject: "Convocation à l'entretien CESP — jeudi 14 janvier 2027 à 8 h 30",
    attachment_sha256: "4ad2a4955a8552319d6a9128efdfdb6f83874f6fb65e36955918a94ec4294228",
    sent: true,
    answer: "250 2.0.0 Ok: queued as 4F2A1",
    at: "12/01/2027 à 9 h 05",
  },
  {
    id: 1,
    batch: 1,
    kind: "receipts",
    kind_label: "accusé de réception",
    candidate: 43,
    name: "BERNARD Noémie",
    to: "noemie.bernard@etu.demo-jules-verne.fr",
    subject: "Dossier CESP : accusé de réception",
    attachment_sha256: "e1cbae707af16a2cbdd21cffcd2d5cd1cb52c859d0a39e41e55238a228b3b7cd",
    sent: true,
    answer: "250 2.0.0 Ok: queued as 1B7C0",
    at: "20/11/2026 à 16 h 40",
  },
];

/** The shell's « mail-progress » events, sent by the test: `emit` reaches every handler. */
export function mailProgress() {
  const handlers = new Set<(p: MailProgress) => void>();
  return {
    on: vi.fn((handler: (p: MailProgress) => void) => {
      handlers.add(handler);
      return Promise.resolve(() => void handlers.delete(handler));
    }),
    emit: (p: MailProgress) => handlers.forEach((h) => h(p)),
    get listening() {
      return handlers.size;
    },
  };
}

/** The e-mail commands, answering with the data above. */
export function mailCommands() {
  return {
    mailSettings: vi.fn(() => ok(mailSettingsView)),
    mailSettingsSave: vi.fn(save),
    mailTest: vi.fn(() => ok(testSent)),
    mailPreview: vi.fn(preview),
    mailUnreachableExport: vi.fn(() => ok("/home/claire/Documents/Lettres à imprimer.pdf")),
    mailSend: vi.fn(() => ok(sentReport)),
    mailCancel: vi.fn(() => ok(null)),
    mails: vi.fn((candidate: number | null) => ok(candidate === null ? mailLines : mailLines.filter((l) => l.candidate === candidate))),
  };
}
