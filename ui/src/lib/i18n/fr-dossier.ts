// French strings of the « Dossiers » section (checklist, pieces, attachments, eligibility, letters).
import { CATALOGUE, type Category, type Condition, type Eligibility, type PieceStatus } from "../bindings";

import { agree, plural, shownOf, type Noun } from "../text";

export const dossier = {
  title: "Dossiers",
  intro:
    "Les pièces reçues, manquantes ou non conformes de chaque candidat, et la recevabilité de son dossier. Chaque modification est écrite dans le fichier et inscrite au journal.",
  loading: "Chargement…",
  views: "Parties de la page Dossiers",
  viewList: "Dossiers des candidats",
  viewChecklist: "Pièces demandées",
  unsavedMark: "non enregistrées",
  required: "obligatoire",
  cancel: "Annuler",
  keep: "Conserver",
  saving: "Enregistrement…",
  actions: "Actions",

  /** Core's labels (crates/core/src/catalogue.rs). */
  eligibility: CATALOGUE.labels.eligibility satisfies Record<Eligibility, string>,

  categories: CATALOGUE.labels.categories satisfies Record<Category, string>,

  counts: {
    title: "Par catégorie",
    caption: "Dossiers par catégorie",
    category: "Catégorie",
    complete: "Complets",
    incomplete: "Incomplets",
    notEligible: "Non recevables",
    total: "Total",
    all: "Toutes catégories",
  },

  letters: {
    title: "Courriers",
    missingAll: "Lettres de pièces manquantes…",
    missingAllHint: "Une lettre par dossier incomplet, et un fichier qui les regroupe pour l'impression.",
    receiptAll: "Accusés de réception…",
    receiptAllHint: "Un accusé de réception par candidat, et un fichier qui les regroupe.",
    folderHint: "Vous choisirez ensuite où enregistrer les fichiers PDF.",
    missingOne: "Lettre de pièces manquantes…",
    receiptOne: "Accusé de réception…",
    writing: "Écriture des lettres…",
    written: (kind: "missing_pieces" | "receipt", n: number, folder: string) =>
      kind === "missing_pieces"
        ? `${plural(n, "lettre de pièces manquantes enregistrée", "lettres de pièces manquantes enregistrées")} dans «\u00a0${folder}\u00a0», avec un fichier qui les regroupe pour l'impression.`
        : `${plural(n, "accusé de réception enregistré", "accusés de réception enregistrés")} dans «\u00a0${folder}\u00a0», avec un fichier qui les regroupe pour l'impression.`,
    writtenOne: (file: string, folder: string) => `Lettre enregistrée\u00a0: «\u00a0${file}\u00a0», dans «\u00a0${folder}\u00a0».`,
    returnByTitle: "Lettres de pièces manquantes",
    returnByIntro:
      "Les lettres demandent les pièces pour une date\u00a0: laissez au candidat le temps de les réunir et de les envoyer.",
    returnBy: "Date limite de retour des pièces (JJ/MM/AAAA)",
    returnByConfirm: "Choisir le dossier et écrire…",
  },

  list: {
    title: "Liste des dossiers",
    caption: "Dossiers des candidats",
    empty:
      "Aucun candidat\u00a0: importez un fichier de candidats (section «\u00a0Importer\u00a0») ou ajoutez-les dans «\u00a0Candidats\u00a0» pour suivre leurs dossiers.",
    search: "Rechercher un nom",
    searchPlaceholder: "par exemple\u00a0: lefevre",
    filter: "Recevabilité",
    all: "Tous les dossiers",
    overridden: "Décidés par la commission",
    count: (shown: number, total: number) => `${shownOf(shown, total, "dossier", "dossiers")}.`,
    noMatch: "Aucun dossier ne correspond à la recherche ou au filtre.",
    /** The list's rows, for the line under it once it is long. */
    noun: { one: "dossier", many: "dossiers" } satisfies Noun,
    name: "Nom",
    category: "Catégorie",
    eligibility: "Recevabilité",
    reason: "Motif",
    noReason: "—",
    moreReasons: (n: number) => `(et ${plural(n, "autre motif", "autres motifs")})`,
    openLabel: (name: string) => `Ouvrir le dossier de ${name}`,
    openHint: "Cliquez sur un nom (ou Entrée) pour ouvrir le dossier\u00a0; Échap le referme.",
  },

  drawer: {
    title: (name: string) => `Dossier de ${name}`,
    close: "Fermer le dossier",
    received: (day: string) => `Dossier reçu le ${day}`,
    notReceived: "Date de réception du dossier non renseignée",
    eligibility: "Recevabilité",
    reasons: "Motifs",
    computed: (label: string) => `Calcul de l'application\u00a0: ${label}.`,
    decided: (at: string, who: string) => `Décision de la commission du ${at}, saisie par ${who}\u00a0:`,
    decide: "Décision de la commission…",
    letters: "Courriers",
    pieces: "Pièces demandées à ce candidat",
    noPieces: "Aucune pièce n'est demandée à ce candidat.",
    others: (n: number) => `Pièces non demandées à ce candidat (${n})`,
    othersHint: "Elles ne comptent pas dans la recevabilité\u00a0; vous pouvez tout de même les renseigner.",
    dropHint:
      "Pour joindre un fichier (PDF, JPEG ou PNG)\u00a0: «\u00a0Joindre un fichier…\u00a0» sous la pièce, ou faites glisser le fichier sur la fenêtre\u00a0; l'application demande alors à quelle pièce le joindre.",
    discardTitle: "Abandonner les modifications\u00a0?",
    discardBody:
      "Des pièces ont été modifiées sans être enregistrées (bouton «\u00a0Enregistrer les pièces\u00a0» en bas du dossier). Si vous quittez ce dossier, ces modifications seront perdues.",
    pending: (n: number) => `${plural(n, "pièce modifiée", "pièces modifiées")}, non ${agree(n, "enregistrée", "enregistrées")}`,
    nothingPending: "Aucune modification en attente.",
    saveAll: (n: number) => (n > 0 ? `Enregistrer les pièces (${n})` : "Enregistrer les pièces"),
    cancelAll: "Annuler les modifications",
    savedAll: (name: string, n: number) => `Dossier de ${name}\u00a0: ${plural(n, "pièce enregistrée", "pièces enregistrées")}.`,
    discardKeep: "Revenir au dossier",
    discardConfirm: "Quitter sans enregistrer",
  },

  piece: {
    required: "Obligatoire",
    optional: "Facultative",
    notAsked: "Non demandée à ce candidat",
    status: "Statut",
    statuses: CATALOGUE.labels.piece_status satisfies Record<PieceStatus | "none", string>,
    receivedOn: "Reçue le",
    receivedHint: "JJ/MM/AAAA\u00a0; laissez vide pour la date du jour.",
    datePlaceholder: "18/11/2026",
    reason: "Motif de non-conformité",
    reasonPlaceholder: "par exemple\u00a0: copie illisible",
    unsaved: "Modification non enregistrée",
    saved: (label: string, status: string) => `${label}\u00a0: ${status}.`,
    attachments: (label: string) => `Fichiers joints à «\u00a0${label}\u00a0»`,
    noAttachment: "Aucun fichier joint.",
    size: (kb: number) => `${kb.toLocaleString("fr-FR")} Ko`,
    added: (when: string) => `joint le ${when}`,
    attach: "Joindre un fichier…",
    attachLabel: (label: string) => `Joindre un fichier à «\u00a0${label}\u00a0»…`,
    attached: (file: string, label: string) => `Fichier «\u00a0${file}\u00a0» joint à «\u00a0${label}\u00a0».`,
    open: "Ouvrir",
    openLabel: (file: string) => `Ouvrir ${file}`,
    remove: "Retirer",
    removeLabel: (file: string) => `Retirer ${file}`,
    removeTitle: "Retirer ce fichier\u00a0?",
    removeBody: (file: string, label: string) =>
      `Le fichier «\u00a0${file}\u00a0» sera retiré de la pièce «\u00a0${label}\u00a0»\u00a0; le statut de la pièce ne change pas. Le retrait est inscrit au journal.`,
    removeConfirm: "Retirer le fichier",
    removed: (file: string, label: string) => `Fichier «\u00a0${file}\u00a0» retiré de «\u00a0${label}\u00a0».`,
  },

  drop: {
    title: "Joindre le fichier déposé",
    body: (file: string, name: string) => `À quelle pièce du dossier de ${name} joindre «\u00a0${file}\u00a0»\u00a0?`,
    piece: "Pièce",
    notAsked: "non demandée",
    choose: "Choisissez la pièce à laquelle joindre le fichier.",
    confirm: "Joindre le fichier",
  },

  override: {
    title: "Décision de la commission",
    intro:
      "La commission peut déclarer ce dossier recevable ou non recevable, quel que soit le calcul de l'application. La décision doit être motivée\u00a0: elle est inscrite au journal et figurera au procès-verbal.",
    current: (label: string) => `Actuellement\u00a0: ${label}.`,
    decision: "Décision",
    eligible: "Recevable (dossier considéré comme complet)",
    notEligible: "Non recevable",
    choose: "Choisissez la décision de la commission.",
    reason: "Motif",
    reasonPlaceholder: "par exemple\u00a0: titre de séjour transmis par la préfecture le 20/11/2026",
    save: "Enregistrer la décision",
    revert: "Revenir au calcul",
    revertHint: "«\u00a0Revenir au calcul\u00a0» annule la décision de la commission\u00a0: la recevabilité calculée s'applique de nouveau.",
    saved: (name: string, label: string) => `Dossier de ${name}\u00a0: ${label}.`,
    reverted: (name: string, label: string) => `Dossier de ${name}\u00a0: retour au calcul (${label}).`,
  },

  checklist: {
    title: "Pièces demandées",
    intro:
      "La liste des pièces que chaque candidat doit fournir, dans l'ordre des lettres. Une pièce obligatoire manquante rend le dossier incomplet\u00a0; une pièce facultative ne compte pas. La liste s'applique à tous les dossiers dès l'enregistrement, et chaque modification est inscrite au journal.",
    empty: "Aucune pièce\u00a0: ajoutez au moins le formulaire de candidature.",
    caption: (n: number) => plural(n, "pièce dans la liste", "pièces dans la liste"),
    piece: (n: number) => `Pièce ${n}`,
    label: "Intitulé",
    labelPlaceholder: "par exemple\u00a0: Attestation de réussite au concours",
    mandatory: "Obligatoire (son absence rend le dossier incomplet)",
    categories: "Demandée aux",
    condition: "Condition",
    conditions: {
      none: "Toujours",
      foreign: "Seulement si nationalité étrangère",
    } satisfies Record<Condition, string>,
    current: (text: string) => `Enregistrée\u00a0: ${text}.`,
    newPiece: "Nouvelle pièce, pas encore enregistrée.",
    up: "Monter",
    down: "Descendre",
    remove: "Retirer",
    upLabel: (n: number, label: string) => `Monter la pièce ${n}${label ? ` (${label})` : ""}`,
    downLabel: (n: number, label: string) => `Descendre la pièce ${n}${label ? ` (${label})` : ""}`,
    removeLabel: (n: number, label: string) => `Retirer la pièce ${n}${label ? ` (${label})` : ""}`,
    removeHint:
      "Une pièce déjà renseignée pour un candidat ne peut pas être retirée\u00a0: rendez-la plutôt facultative.",
    add: "Ajouter une pièce",
    save: "Enregistrer la liste",
    reset: "Annuler les modifications",
    unsaved: "Modifications non enregistrées.",
    saved: "Liste des pièces enregistrée\u00a0: les dossiers sont recalculés.",
  },
};
