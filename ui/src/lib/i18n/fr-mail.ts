// French strings of e-mail to candidates: the server and sender in the settings, the
// dialog that previews and sends a batch, the record of what went to whom. French
// typography: no-break spaces before « : » « ; » « ? » « ! » and inside guillemets.
import type { MailKind } from "../bindings";
import { agree, integer, plural, shownOf } from "../text";

export const mail = {
  settings: {
    title: "Envoi des courriels",
    intro:
      "Les convocations et les lettres partent par le serveur d'envoi (SMTP) de la faculté, au nom de l'expéditeur indiqué ici. Chaque courriel est inscrit dans la liste «\u00a0Courriels\u00a0».",
    keyringNote:
      "Le mot de passe est gardé dans le trousseau du système de cet ordinateur, jamais dans le fichier de la campagne\u00a0: sur un autre poste, saisissez-le à nouveau.",
    loading: "Chargement…",
    server: "Serveur",
    serverPlaceholder: "smtp.univ-exemple.fr",
    port: "Port",
    security: "Sécurité",
    starttls: "STARTTLS — port 587",
    tls: "TLS — port 465",
    user: "Identifiant",
    userHint: "Laissez vide si le serveur ne demande pas d'identification.",
    password: "Mot de passe",
    passwordStored: "Un mot de passe est enregistré dans le trousseau du système\u00a0; laissez vide pour le garder.",
    passwordMissing: "Aucun mot de passe n'est enregistré dans le trousseau du système pour ce compte.",
    passwordNoUser: "Seulement si le serveur demande un identifiant\u00a0; il sera gardé dans le trousseau du système.",
    senderName: "Nom de l'expéditeur",
    senderNamePlaceholder: "Scolarité — UFR de médecine",
    senderAddress: "Adresse de l'expéditeur",
    senderAddressPlaceholder: "cesp@univ-exemple.fr",
    replyTo: "Adresse de réponse",
    optional: "facultative",
    replyToHint: "Vide\u00a0: les réponses vont à l'adresse de l'expéditeur.",
    signature: "Signature",
    signatureHint: "Placée sous chaque courriel\u00a0; vide\u00a0: le nom de l'expéditeur.",
    save: "Enregistrer",
    saving: "Enregistrement…",
    saved: "Réglages d'envoi des courriels enregistrés.",
    testTitle: "Courriel d'essai",
    testTo: "Adresse de l'essai",
    testToHint: (sender: string) =>
      sender ? `Vide\u00a0: à l'adresse de l'expéditeur (${sender}).` : "Vide\u00a0: à l'adresse de l'expéditeur.",
    testDirty: "Les réglages modifiés sont d'abord enregistrés\u00a0: l'essai part avec eux.",
    test: "Envoyer un courriel d'essai",
    testing: "Envoi de l'essai…",
  },

  kinds: {
    convocations: "Convocations",
    missing_pieces: "Lettres de pièces manquantes",
    receipts: "Accusés de réception",
    letters: "Lettres de décision",
  } satisfies Record<MailKind, string>,

  send: {
    open: "Envoyer par courriel…",
    /** Read (not shown) after the button's words: which letters it sends. */
    openWhat: {
      convocations: "(convocations)",
      missing_pieces: "(lettres de pièces manquantes)",
      receipts: "(accusés de réception)",
      letters: "(lettres de décision)",
    } satisfies Record<MailKind, string>,
    title: {
      convocations: "Envoyer les convocations par courriel",
      missing_pieces: "Envoyer les lettres de pièces manquantes par courriel",
      receipts: "Envoyer les accusés de réception par courriel",
      letters: "Envoyer les lettres de décision par courriel",
    } satisfies Record<MailKind, string>,
    intro:
      "Chaque candidat reçoit sa propre lettre en pièce jointe (le PDF que l'application imprime). Rien ne part avant que vous confirmiez\u00a0; une lettre déjà envoyée à une personne ne lui est pas renvoyée.",
    loading: "Préparation des courriels…",
    from: "De\u00a0:",
    replyTo: "Réponses à\u00a0:",
    returnBy: "Date limite de retour",
    returnByHint: (proposed: string) =>
      proposed ? `JJ/MM/AAAA\u00a0; vide\u00a0: le ${proposed}, date proposée.` : "JJ/MM/AAAA\u00a0; vide\u00a0: la date proposée.",
    count: (n: number) => (n === 0 ? "Aucun courriel à envoyer" : `${plural(n, "courriel", "courriels")} à envoyer`),
    recipients: "Destinataires",
    name: "Candidat",
    address: "Adresse",
    subject: "Objet",
    attachments: "Pièces jointes",
    show: (name: string) => `Voir le courriel à ${name}`,
    messageTitle: (name: string) => `Courriel à ${name}`,
    /** The message's text, a pane that scrolls (named for the keyboard that reaches it). */
    bodyLabel: (name: string) => `Texte du courriel à ${name}`,
    to: "À\u00a0:",
    subjectLine: "Objet\u00a0:",
    attached: "Joint\u00a0:",
    withoutAddress: (n: number) =>
      `${plural(n, "candidat n'a", "candidats n'ont")} pas d'adresse électronique\u00a0: ${agree(n, "sa lettre est", "leurs lettres sont")} à imprimer et à poster.`,
    invalid: (n: number) =>
      `${plural(n, "adresse n'est", "adresses ne sont")} pas ${agree(n, "valable", "valables")}\u00a0: ${agree(n, "la lettre est", "les lettres sont")} à imprimer et à poster.`,
    print: "Imprimer leurs lettres…",
    printed: (file: string) => `Lettres à imprimer enregistrées dans «\u00a0${file}\u00a0».`,
    alreadySent: (n: number) => `${plural(n, "courriel déjà envoyé", "courriels déjà envoyés")}\u00a0:`,
    /** « déjà envoyé le 12/01/2027 à 9 h 05 : ne sera pas renvoyé », the date kept whole. */
    alreadySentOn: "déjà envoyé le",
    notResent: "\u00a0: ne sera pas renvoyé",
    nothing: "Rien à envoyer\u00a0: aucun courriel ne partira.",
    confirm: (n: number) => (n === 1 ? "Envoyer le courriel" : `Envoyer les ${integer(n)} courriels`),
    cancel: "Annuler",
    close: "Fermer",
    // While sending.
    sendingTitle: "Envoi en cours…",
    progressLabel: "Avancement de l'envoi",
    progress: (done: number, total: number) => `${integer(done)} sur ${integer(total)}`,
    interrupt: "Interrompre",
    interrupting: "Interruption après le courriel en cours…",
    // The end.
    doneTitle: "Envoi terminé",
    stoppedTitle: "Envoi interrompu",
    failedTitle: "Envoi impossible",
    sent: (n: number) => (n === 0 ? "Aucun courriel envoyé." : `${plural(n, "courriel envoyé", "courriels envoyés")}.`),
    refused: (n: number) => `${plural(n, "courriel refusé", "courriels refusés")} par le serveur\u00a0:`,
    refusedLine: (who: string, to: string, answer: string) => `${who} (${to})\u00a0: ${answer}`,
    notAgain: (n: number) => `${plural(n, "courriel déjà envoyé", "courriels déjà envoyés")} auparavant, non ${agree(n, "renvoyé", "renvoyés")}.`,
    again: "Relancer",
    againHint: "Relancer prépare à nouveau l'envoi\u00a0: seuls les courriels qui ne sont pas partis seront envoyés.",
    settings: "Régler l'envoi des courriels",
  },

  list: {
    title: "Courriels",
    intro:
      "Chaque courriel envoyé aux candidats, ou refusé par le serveur, avec la réponse du serveur et l'empreinte SHA-256 de la lettre jointe. Pour envoyer\u00a0: «\u00a0Envoyer par courriel…\u00a0» dans Dossiers, Entretiens ou Attribution.",
    empty: "Aucun courriel envoyé pour l'instant.",
    kind: "Type",
    allKinds: "Tous",
    kindOption: (label: string, n: number) => `${label} (${integer(n)})`,
    count: (shown: number, total: number) => shownOf(shown, total, "courriel", "courriels"),
    caption: "Courriels envoyés aux candidats, du plus récent au plus ancien",
    when: "Date",
    candidate: "Candidat",
    address: "Adresse",
    subject: "Objet",
    outcome: "Résultat",
    fingerprint: "Lettre jointe (SHA-256)",
    sentOk: "Envoyé",
    refused: "Refusé",
    removed: "(candidat supprimé)",
    noAttachment: "—",
    fullFingerprint: (hash: string) => `empreinte complète\u00a0: ${hash}`,
    noMatch: "Aucun courriel de ce type.",
  },

  candidate: {
    title: "Courriels",
    empty: "Aucun courriel envoyé à ce candidat.",
    line: (at: string, kind: string) => `${at} — ${kind}`,
  },
};
