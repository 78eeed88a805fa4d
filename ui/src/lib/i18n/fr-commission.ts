// French strings of the « Commission » section (members, rules, sittings, recusals).
import { CATALOGUE, type Aggregation, type Attendance, type PadhueAcademic, type Role } from "../bindings";

import { agree, plural, type Noun } from "../text";

export const commission = {
  title: "Commission",
  intro:
    "Composition de la commission, règles de délibération, séances avec les présences, et déports. Chaque modification est écrite dans le fichier et inscrite au journal.",
  loading: "Chargement…",
  sectionsNav: "Parties de la page Commission",
  required: "obligatoire",
  cancel: "Annuler",
  keep: "Conserver",
  yes: "Oui",
  no: "Non",
  actions: "Actions",
  saving: "Enregistrement…",

  /** Core's labels (crates/core/src/catalogue.rs). */
  roles: CATALOGUE.labels.roles satisfies Record<Role, string>,

  members: {
    title: "Membres",
    caption: "Membres de la commission",
    empty:
      "Aucun membre\u00a0: ajoutez le président, le représentant de l'ARS, les médecins ou chirurgiens-dentistes, les représentants des étudiants et des internes, et le ou la secrétaire.",
    count: (n: number, voting: number) =>
      `${plural(n, "membre", "membres")}, dont ${voting} avec voix délibérative.`,
    name: "Nom",
    role: "Rôle",
    voting: "Voix délibérative",
    email: "Courriel",
    noEmail: "non renseigné",
    nonVoting: "ne vote pas",
    add: "Ajouter un membre",
    edit: "Modifier",
    editLabel: (name: string) => `Modifier le membre ${name}`,
    remove: "Retirer",
    removeLabel: (name: string) => `Retirer ${name} de la commission`,
    addTitle: "Ajouter un membre",
    editTitle: (name: string) => `Modifier le membre ${name}`,
    namePlaceholder: "Dr Sophie MARCHAND",
    nameHint: "Avec le titre\u00a0: Pr, Dr, M., Mme…",
    votingLabel: "Voix délibérative (prend part aux votes et note les candidats)",
    votingHint: "Le ou la secrétaire n'a pas voix délibérative.",
    emailPlaceholder: "sophie.marchand@ars.sante.fr",
    emailHint: "Facultatif\u00a0; sert aux convocations.",
    create: "Ajouter le membre",
    save: "Enregistrer",
    added: (name: string) => `Membre ajouté\u00a0: ${name}.`,
    updated: (name: string) => `Membre modifié\u00a0: ${name}.`,
    removed: (name: string) => `${name} a été retiré(e) de la commission.`,
    confirmTitle: "Retirer ce membre\u00a0?",
    confirmBody: (name: string) =>
      `${name} sera retiré(e) de la commission et de la feuille de présence de chaque séance. Un membre qui a déjà noté ne peut pas être retiré.`,
    confirm: "Retirer",
  },

  rules: {
    title: "Règles de délibération",
    intro:
      "Elles s'appliquent à toutes les séances et figurent au procès-verbal. Chaque modification est inscrite au journal.",
    quorum: "Quorum",
    quorumHalf: "La moitié au moins des membres ayant voix délibérative",
    quorumCount: "Un nombre fixe de membres ayant voix délibérative",
    quorumCountLabel: "Nombre de membres votants présents requis",
    majority: "Majorité",
    majorityPresent: "Majorité des membres présents ayant voix délibérative",
    majorityVoting: "Majorité de tous les membres ayant voix délibérative",
    casting: "Voix prépondérante du président en cas de partage égal des voix",
    castingHint: "Sinon, un nouveau vote a lieu.",
    aggregation: "Calcul de la note d'un critère à partir des notes des membres",
    aggregations: CATALOGUE.labels.aggregations satisfies Record<Aggregation, string>,
    scoring: "Notation",
    disagreement: "Seuil de désaccord",
    disagreementHint:
      "Un candidat est signalé lorsque les totaux des membres s'écartent de plus de ce pourcentage de la note maximale.",
    percent: "%",
    normalise: "Afficher aussi les totaux corrigés de la sévérité de chaque membre (normalisation)",
    normaliseHint: "Les totaux bruts restent ceux du classement\u00a0; la normalisation est affichée à côté, pour information.",
    padhue: "Résultats universitaires des candidats PADHUE",
    padhueHint:
      "Ils n'ont pas de résultats universitaires français\u00a0: la règle choisie figure au procès-verbal et s'applique à tous les candidats PADHUE.",
    padhueChoices: CATALOGUE.labels.padhue_academic satisfies Record<PadhueAcademic, string>,
    statement: "Formule pour le procès-verbal",
    statementPending:
      "Modifications non enregistrées\u00a0: la formule ci-dessus décrit les règles en vigueur\u00a0; elle sera mise à jour à l'enregistrement.",
    save: "Enregistrer les règles",
    revert: "Annuler les modifications",
    saved: "Règles de délibération enregistrées.",
  },

  sittings: {
    title: "Séances et présences",
    intro:
      "La présence de chaque membre est enregistrée dès qu'elle est cochée\u00a0; le quorum est recalculé aussitôt. Seuls les membres ayant voix délibérative comptent pour le quorum.",
    empty: "Aucune séance\u00a0: ajoutez la date et le lieu de la première séance de la commission.",
    /** The sittings, for the line under a long list of them. */
    noun: { one: "séance", many: "séances", feminine: true } satisfies Noun,
    noMembers: "Ajoutez d'abord les membres de la commission pour saisir les présences.",
    add: "Ajouter une séance",
    addTitle: "Ajouter une séance",
    editTitle: (day: string) => `Modifier la séance du ${day}`,
    heading: (day: string, start: string) => (start ? `Séance du ${day} à ${start}` : `Séance du ${day}`),
    heard: (n: number) =>
      n === 0 ? "Aucun candidat entendu à cette séance." : `${plural(n, "candidat entendu", "candidats entendus")} à cette séance.`,
    date: "Date",
    datePlaceholder: "14/01/2027",
    dateHint: "JJ/MM/AAAA",
    start: "Heure de début",
    startPlaceholder: "9\u00a0h\u00a030",
    startHint: "Facultative\u00a0; par exemple «\u00a09\u00a0h\u00a030\u00a0» ou «\u00a009:30\u00a0».",
    place: "Lieu",
    placePlaceholder: "Salle du conseil, UFR de médecine",
    create: "Ajouter la séance",
    save: "Enregistrer",
    edit: "Modifier",
    editLabel: (day: string) => `Modifier la séance du ${day}`,
    remove: "Supprimer",
    removeLabel: (day: string) => `Supprimer la séance du ${day}`,
    added: (day: string) => `Séance du ${day} ajoutée.`,
    updated: (day: string) => `Séance du ${day} modifiée.`,
    removed: (day: string) => `Séance du ${day} supprimée.`,
    confirmTitle: "Supprimer cette séance\u00a0?",
    confirmBody: (day: string) =>
      `La séance du ${day} et les présences saisies seront supprimées. Une séance où des candidats ont été entendus ne peut pas l'être.`,
    confirm: "Supprimer",
    attendanceCaption: (day: string) => `Présences à la séance du ${day}`,
    member: "Membre",
    role: "Rôle",
    presence: "Présence",
    presenceOf: (name: string) => `Présence de ${name}`,
    statuses: CATALOGUE.labels.attendance satisfies Record<Attendance, string>,
    notRecorded: "Non renseigné",
    nonVoting: "sans voix délibérative, ne compte pas pour le quorum",
    recorded: (n: number, total: number) => `Présences renseignées\u00a0: ${n} sur ${total}.`,
  },

  recusals: {
    title: "Déports",
    intro:
      "Un membre en conflit d'intérêts avec un candidat (lien familial, maître de stage, directeur de thèse…) ne prend pas part à la décision le concernant. Les notes qu'il lui a déjà données sont retirées et restent consultables au journal.",
    caption: "Déports déclarés",
    empty: "Aucun déport déclaré.",
    /** The recusals, for the line under a long list of them. */
    noun: { one: "déport", many: "déports" } satisfies Noun,
    /** Under the candidates' list once it is long. */
    moreHint: "Recherchez un nom pour trouver les autres candidats.",
    member: "Membre",
    candidate: "Candidat(e)",
    reason: "Motif",
    at: "Déclaré le",
    remove: "Lever le déport",
    removeLabel: (member: string, candidate: string) => `Lever le déport de ${member} pour ${candidate}`,
    addTitle: "Déclarer un déport",
    choose: "— Choisir —",
    chooseMember: "Choisissez le membre qui se déporte.",
    chooseCandidate: "Choisissez le ou la candidat(e) concerné(e).",
    search: "Rechercher le ou la candidat(e)",
    searchPlaceholder: "Nom ou prénom, avec ou sans accents",
    matches: (n: number) => (n === 0 ? "Aucun candidat ne correspond." : `${plural(n, "candidat correspond", "candidats correspondent")}.`),
    noCandidates: "Aucun candidat dans la campagne\u00a0: importez d'abord les candidats.",
    noMembers: "Ajoutez d'abord les membres de la commission.",
    reasonPlaceholder: "Lien familial, maître de stage…",
    declare: "Déclarer le déport…",
    confirmTitle: "Déclarer ce déport\u00a0?",
    confirmBody: (member: string, candidate: string) =>
      `${member} ne prendra pas part à la décision sur ${candidate}. Les notes que ce membre a déjà données à ce candidat seront retirées (elles restent conservées au journal).`,
    confirmCount: (n: number, member: string) =>
      n === 0
        ? `${member} n'a encore donné aucune note à ce candidat.`
        : `${member} a déjà donné ${plural(n, "note", "notes")} à ce candidat\u00a0: ${agree(n, "elle sera retirée", "elles seront retirées")}.`,
    confirm: "Déclarer le déport",
    added: (n: number) =>
      n === 0
        ? "Déport enregistré."
        : `Déport enregistré\u00a0; ${plural(n, "note retirée", "notes retirées")} (${agree(n, "conservée", "conservées")} au journal).`,
    removeTitle: "Lever ce déport\u00a0?",
    removeBody: (member: string, candidate: string) =>
      `${member} pourra de nouveau se prononcer sur ${candidate}. Les notes retirées lors du déport ne sont pas rétablies.`,
    removeConfirm: "Lever le déport",
    removed: (member: string, candidate: string) => `Déport levé\u00a0: ${member} peut de nouveau se prononcer sur ${candidate}.`,
  },
};
