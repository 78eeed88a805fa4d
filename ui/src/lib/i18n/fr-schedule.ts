// French strings of the « Entretiens » section (organisation of the days and juries, the
// timetable with its moves, the printed documents).
import type { HalfDayPart, Written } from "../bindings";

import { agree, integer, isMany, plural, type Noun } from "../text";

/** "a", "a et b", "a, b et c". */
const list = (items: string[]) => (items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`);

/** The no-break space French typography puts before « : ; ? ! » and inside guillemets. */
const NB = "\u00a0";

/**
 * What the convocations' export wrote, the past participle agreeing: « 1 convocation
 * enregistrée », « 2 convocations enregistrées », « 1 calendrier de membre enregistré »,
 * and, for several kinds, « enregistrées » when all are feminine (convocations and
 * cancellations), « enregistrés » otherwise. `changesOnly`: the export of what changed
 * since the convocations went out (its batch holds only those).
 */
function convocationsDone(
  w: Pick<Written, "folder" | "letters" | "batch" | "candidate_calendars" | "member_calendars"> &
    Partial<Pick<Written, "amended" | "cancellations">>,
  changesOnly = false,
): string {
  const kinds: { text: string; feminine: boolean; many: boolean }[] = [];
  const amended = w.amended ?? 0;
  const cancellations = w.cancellations ?? 0;
  if (w.letters > 0) {
    const of = amended > 0 ? ` (dont ${plural(amended, "rectificative", "rectificatives")})` : "";
    kinds.push({ text: `${plural(w.letters, "convocation", "convocations")}${of}`, feminine: true, many: isMany(w.letters) });
  }
  if (w.batch)
    kinds.push({ text: changesOnly ? "le fichier qui les regroupe" : "le fichier de toutes les convocations", feminine: false, many: false });
  if (w.candidate_calendars > 0)
    kinds.push({ text: plural(w.candidate_calendars, "calendrier de candidat", "calendriers de candidats"), feminine: false, many: isMany(w.candidate_calendars) });
  if (cancellations > 0)
    kinds.push({ text: plural(cancellations, "annulation d'entretien", "annulations d'entretien"), feminine: true, many: isMany(cancellations) });
  if (w.member_calendars > 0)
    kinds.push({ text: plural(w.member_calendars, "calendrier de membre", "calendriers de membres"), feminine: false, many: isMany(w.member_calendars) });
  const where = `dans «${NB}${w.folder}${NB}»`;
  if (kinds.length === 0) return `Aucun document enregistré ${where}.`;
  const feminine = kinds.every((k) => k.feminine);
  const many = kinds.length > 1 || kinds[0]!.many;
  const agreed = `enregistré${feminine ? "e" : ""}${many ? "s" : ""}`;
  return `${list(kinds.map((k) => k.text))} ${agreed} ${where}.`;
}

/** What an accepted plan changed, from the interviews before and after: moved, newly
 * placed, no longer planned. */
function replanned(moved: number, placed: number, removed: number, toSend: number): string {
  const parts: string[] = [];
  if (moved > 0) parts.push(plural(moved, "entretien déplacé", "entretiens déplacés"));
  if (placed > 0) parts.push(plural(placed, "candidat placé", "candidats placés"));
  if (removed > 0) parts.push(plural(removed, "entretien retiré", "entretiens retirés"));
  const write = toSend > 0 ? " Écrivez les convocations modifiées." : "";
  if (parts.length === 0) return `Planning conservé${NB}: aucun entretien ne change.${write}`;
  return `Planning modifié${NB}: ${list(parts)}.${write}`;
}

/** The preview in one sentence: how many interviews change, and what will go out. */
function summary(changes: number, amended: number, cancellations: number, first: number): string {
  const head = `${plural(changes, "entretien change", "entretiens changent")}`;
  const sent: string[] = [];
  if (amended > 0) sent.push(plural(amended, "convocation rectificative", "convocations rectificatives"));
  if (cancellations > 0) sent.push(plural(cancellations, "annulation", "annulations"));
  if (first > 0) sent.push(plural(first, "première convocation", "premières convocations"));
  if (sent.length === 0) return `${head}${NB}; aucune convocation à envoyer.`;
  return `${head}${NB}; à envoyer après acceptation${NB}: ${list(sent)}.`;
}

export const schedule = {
  title: "Entretiens",
  intro:
    "Organisation des journées d'entretiens et planning des candidats à entendre. Chaque modification est écrite dans le fichier et inscrite au journal.",
  loading: "Chargement…",
  tabsLabel: "Vues de la section Entretiens",
  tabs: { planning: "Planning", setup: "Organisation" },
  unsavedTab: "modifications non enregistrées",
  cancel: "Annuler",
  parts: { morning: "Matin", afternoon: "Après-midi" } satisfies Record<HalfDayPart, string>,

  planning: {
    plan: "Planifier",
    planning: "Planification…",
    replanTitle: "Replanifier les entretiens non fixés\u00a0?",
    replanBody:
      "Les entretiens fixés restent à leur place\u00a0; tous les autres peuvent être déplacés. Le planning actuel est remplacé par le nouveau.",
    replanConfirm: "Replanifier",
    planned: "Entretiens planifiés.",
    refusedTitle: "Planification impossible",
    quality: "Qualité du planning",
    print: "Documents",
    convocations: "Convocations…",
    timetablePdf: "Planning (PDF)…",
    timetableXlsx: "Planning (xlsx)…",
    convocationsDone,
    timetableDone: (file: string) => `Planning des entretiens enregistré dans «\u00a0${file}\u00a0».`,
    xlsxDone: (file: string) => `Planning des entretiens (classeur) enregistré dans «\u00a0${file}\u00a0».`,
    noDays: "Aucune journée d'entretiens\u00a0: décrivez les journées et les jurys dans l'onglet Organisation.",
    goSetup: "Aller à l'organisation",
    setupErrorTitle: "L'organisation enregistrée ne permet pas d'afficher le planning",
    unsavedSetup: "L'onglet Organisation a des modifications non enregistrées\u00a0: le planning suit l'organisation enregistrée.",
    noInterview: "Aucun entretien planifié\u00a0: cliquez sur Planifier.",
    conflictsTitle: "Conflits à résoudre",
    conflictsHint: "L'organisation a changé depuis le planning\u00a0: replanifiez, ou déplacez les entretiens concernés.",
    waitingTitle: (n: number) => `À placer (${integer(n)})`,
    waitingHint: "Faites glisser un candidat vers un créneau libre du planning, ou utilisez «\u00a0Placer…\u00a0» (aussi pour un désistement).",
    waitingNone: "Tous les candidats à entendre ont un entretien.",
    place: "Placer…",
    gridTitle: "Planning des entretiens",
    offGridTitle: "Entretiens hors de la grille\u00a0: l'organisation a changé, déplacez-les",
    moveAction: "Déplacer…",
    /** The interviews out of the timetable, for the line under a long list of them. */
    offGridNoun: { one: "entretien", many: "entretiens" } satisfies Noun,
    dragHint:
      "Faites glisser un entretien vers un autre créneau\u00a0: les créneaux possibles sont encadrés en vert, les autres hachurés\u00a0; Échap annule. Au clavier (ou d'un clic), ouvrez un entretien pour le déplacer, le fixer, libérer son créneau ou enregistrer un désistement.",
    checking: "Vérification des créneaux…",
    impossibleHere: (why: string) => `Impossible ici\u00a0: ${why}`,
    dropHere: (where: string) => `Déposer ici\u00a0: ${where}`,
    dragCancelled: "Déplacement annulé.",
    moved: (name: string, where: string) => `Entretien de ${name} placé le ${where} (fixé).`,
    pinnedDone: (name: string) => `Entretien de ${name} fixé\u00a0: il restera à sa place si vous replanifiez.`,
    unpinnedDone: (name: string) => `Entretien de ${name} non fixé\u00a0: il pourra être déplacé si vous replanifiez.`,
    freedDone: (name: string) => `Créneau de ${name} libéré\u00a0; ${name} figure parmi les candidats «\u00a0À placer\u00a0».`,
    withdrawnDone: (name: string, placed: boolean) =>
      `Désistement de ${name} enregistré\u00a0: dossier déclaré non recevable${placed ? ", créneau libéré" : ""}\u00a0; aucun entretien ne sera plus planifié pour ${name}.`,
    // Once convocations went out (written or e-mailed): planning again moves as few
    // interviews as possible, and only what changed goes out again.
    replan: "Replanifier…",
    outTitle: (n: number, last: string) =>
      `${agree(n, "Convocation envoyée", "Convocations envoyées")} à ${plural(n, "candidat", "candidats")} (dernier envoi le ${last}).`,
    outHint: `Replanifier déplace le moins d'entretiens possible${NB}; seuls les candidats déplacés recevront une convocation rectificative.`,
    toSend: (n: number) => `${plural(n, "convocation", "convocations")} à envoyer après les changements du planning.`,
    nothingToSend: `Aucune convocation à envoyer${NB}: aucun entretien n'a changé depuis le dernier envoi.`,
    writeChanges: "Écrire les convocations modifiées…",
    replanned,
  },

  replan: {
    title: "Replanifier les entretiens",
    explain:
      `Les convocations sont parties. Le nouveau planning déplace le moins d'entretiens possible${NB}; seuls les candidats déplacés recevront une convocation rectificative.`,
    loading: "Calcul du nouveau planning…",
    quality: "Qualité du nouveau planning",
    notes: "Remarques du calcul",
    caption: (n: number) => `${agree(n, "Entretien qui change", "Entretiens qui changent")} (${integer(n)})`,
    candidate: "Candidat",
    before: "Avant",
    after: "Après",
    send: "À envoyer",
    notPlanned: "Non planifié",
    noLonger: "Plus d'entretien",
    amended: "Convocation rectificative",
    cancellation: "Annulation",
    first: "Première convocation",
    nothing: "Rien à envoyer",
    none: "Aucun entretien ne change.",
    summary,
    refusedTitle: "Planification impossible",
    accept: "Accepter ce planning",
    accepting: "Enregistrement…",
  },

  grid: {
    caption: (day: string) => `Entretiens du ${day}`,
    time: "Heure",
    place: "Lieu",
    breakBand: (when: string) => `Pause ${when}`,
    sittingHidden: "membres qui siègent",
    nobody: "aucun membre",
    cannotSit: "Ne siège pas",
    noSitting: "—",
    free: "Libre",
    notSitting: "— (le jury ne siège pas)",
    pinned: "Fixé",
    cardHint: "Entrée\u00a0: déplacer, fixer, libérer le créneau ou enregistrer un désistement.",
    /** The timetable's days, for the line under it once it is long. */
    days: { one: "journée", many: "journées", feminine: true } satisfies Noun,
  },

  move: {
    titleMove: (name: string) => `Déplacer l'entretien de ${name}`,
    titlePlace: (name: string) => `Placer ${name}`,
    current: "Actuellement",
    currentPinned: "fixé",
    target: "Nouveau créneau",
    choose: "— choisir un créneau —",
    targetHint: "Seuls les créneaux sans conflit sont proposés. Le candidat y sera fixé.",
    showBlocked: "Afficher aussi les créneaux impossibles, avec la raison",
    blocked: (label: string, why: string) => `${label} — impossible\u00a0: ${why}`,
    none: "Aucun créneau possible pour ce candidat.",
    blockedCount: (n: number) => `${plural(n, "créneau impossible n'est pas proposé", "créneaux impossibles ne sont pas proposés")}.`,
    option: (day: string, time: string, jury: string) => `${day} — ${time} — ${jury}`,
    submitMove: "Déplacer ici",
    submitPlace: "Placer ici",
    pin: "Fixer",
    unpin: "Ne plus fixer",
    free: "Libérer le créneau…",
    withdraw: "Désistement…",
    othersHint:
      "«\u00a0Libérer le créneau\u00a0»\u00a0: le candidat repasse «\u00a0À placer\u00a0» et «\u00a0Planifier\u00a0» lui redonnera un créneau. «\u00a0Désistement\u00a0»\u00a0: le dossier est déclaré non recevable et le candidat n'est plus planifié.",
    withdrawOnlyHint: "«\u00a0Désistement\u00a0»\u00a0: le dossier est déclaré non recevable et le candidat n'est plus planifié.",
    chooseFirst: "Choisissez un créneau.",
    freeTitle: (name: string) => `Libérer le créneau de ${name}\u00a0?`,
    freeBody: (name: string) =>
      `${name} n'aura plus d'entretien pour l'instant et figurera parmi les candidats «\u00a0À placer\u00a0»\u00a0; «\u00a0Planifier\u00a0» lui redonnera un créneau. Si le candidat se désiste, utilisez plutôt «\u00a0Désistement…\u00a0».`,
    freeConfirm: "Libérer le créneau",
  },

  withdraw: {
    title: (name: string) => `Désistement de ${name}`,
    explain: "Le dossier sera déclaré non recevable et le créneau libéré\u00a0; le candidat ne sera plus planifié.",
    explainWaiting: "Le dossier sera déclaré non recevable\u00a0; le candidat ne sera plus planifié.",
    reason: "Motif",
    reasonHint: "Obligatoire\u00a0: ce que le candidat a fait savoir, et comment. Le motif est inscrit au journal et au dossier.",
    reasonPlaceholder: "désistement reçu par courriel le 10/01",
    reasonMissing: "«\u00a0Motif\u00a0» est obligatoire\u00a0: indiquez ce que le candidat a fait savoir.",
    otherway: "Le candidat vient encore, mais pas à cet horaire\u00a0? Annulez et utilisez plutôt «\u00a0Libérer le créneau…\u00a0» ou déplacez l'entretien.",
    submit: "Enregistrer le désistement",
    saving: "Enregistrement…",
  },

  setup: {
    title: "Organisation des entretiens",
    intro: "Décrivez les journées, les jurys et les contraintes\u00a0; le planning en tient compte à la prochaine planification.",
    general: "Entretiens",
    interviewMinutes: "Durée d'un entretien (min)",
    bufferMinutes: "Battement entre deux entretiens (min)",
    minJurySize: "Membres requis par jury",
    requiredRole: "Rôle requis dans chaque jury",
    requiredRoleNone: "Aucun",
    requiredRoleHint: "Facultatif\u00a0: un membre votant de ce rôle doit siéger dans chaque jury.",
    separate: "Entendre séparément étudiants et internes (demi-journées distinctes)",
    days: "Journées",
    day: (n: number) => `Journée n° ${n}`,
    date: "Date (JJ/MM/AAAA)",
    opening: "Début",
    closing: "Fin",
    timeHint: "Par exemple «\u00a08\u00a0h\u00a030\u00a0» ou «\u00a008:30\u00a0».",
    place: "Lieu",
    placePlaceholder: "Salle du conseil, UFR de médecine, Amiens",
    breaks: "Pauses",
    breakStart: "Début de la pause",
    breakEnd: "Fin de la pause",
    addBreak: "Ajouter une pause",
    removeBreak: "Retirer",
    removeBreakLabel: (day: number, n: number) => `Retirer la pause n° ${n} de la journée n° ${day}`,
    noBreak: "Aucune pause.",
    addDay: "Ajouter une journée",
    removeDay: "Retirer la journée",
    removeDayLabel: (n: number) => `Retirer la journée n° ${n}`,
    noDays: "Aucune journée\u00a0: ajoutez la première journée d'entretiens.",
    juries: "Jurys",
    jury: (n: number) => `Jury n° ${n}`,
    juryName: "Nom",
    juryNamePlaceholder: "Jury 1",
    room: "Salle",
    roomPlaceholder: "Salle 2.14",
    juryMembers: (n: number) => `Membres du jury n° ${n}`,
    nonVoting: "ne vote pas",
    alsoIn: (jury: string) => `aussi dans «\u00a0${jury}\u00a0»`,
    inOther: (jury: string) => `(membre de «\u00a0${jury}\u00a0»)`,
    noMembers: "Aucun membre dans la commission\u00a0: ajoutez-les dans la section Commission.",
    addJury: "Ajouter un jury",
    removeJury: "Retirer le jury",
    removeJuryLabel: (n: number) => `Retirer le jury n° ${n}`,
    removeJuryTitle: (name: string) => `Supprimer «\u00a0${name}\u00a0»\u00a0?`,
    removeJuryBody: (n: number) =>
      agree(n, "Son entretien sera retiré du planning.", `Ses ${n} entretiens seront retirés du planning.`),
    removeJuryAfter:
      "La suppression prend effet à l'enregistrement de l'organisation\u00a0; les candidats concernés repasseront «\u00a0À placer\u00a0».",
    removeJuryConfirm: "Supprimer le jury",
    noJuries: "Aucun jury\u00a0: ajoutez au moins un jury.",
    unavailable: "Indisponibilités",
    unavailableHint: "Un membre ou un candidat absent une demi-journée (garde, examen…).",
    unavailableRow: (n: number) => `Indisponibilité n° ${n}`,
    who: "Qui",
    whoChoose: "— choisir —",
    membersGroup: "Membres",
    candidatesGroup: "Candidats",
    dayChoose: "— choisir une journée —",
    halfDay: "Demi-journée",
    reason: "Motif",
    reasonPlaceholder: "de garde",
    addUnavailable: "Ajouter une indisponibilité",
    removeRow: "Retirer",
    removeUnavailableLabel: (n: number) => `Retirer l'indisponibilité n° ${n}`,
    noUnavailable: "Aucune indisponibilité.",
    preferences: "Préférences des candidats",
    preferencesHint: "La demi-journée que le candidat préfère\u00a0; elle est respectée autant que possible.",
    preferenceRow: (n: number) => `Préférence n° ${n}`,
    candidate: "Candidat",
    candidateChoose: "— choisir un candidat —",
    notToHear: (id: number) => `Candidat n° ${id} (n'est plus à entendre)`,
    addPreference: "Ajouter une préférence",
    removePreferenceLabel: (n: number) => `Retirer la préférence n° ${n}`,
    noPreferences: "Aucune préférence.",
    dateLabel: "Date",
    convocation: "Convocations",
    bring: "À apporter (un élément par ligne)",
    bringPlaceholder: "Pièce d'identité\nConvocation imprimée",
    contact: "Contact",
    contactHint: "Qui les candidats peuvent joindre.",
    contactPlaceholder: "Mme Claire DUMONT, scolarité, 03 22 82 77 00",
    revert: "Annuler les modifications",
    save: "Enregistrer",
    saving: "Enregistrement…",
    saved: "Organisation des entretiens enregistrée.",
  },
};
