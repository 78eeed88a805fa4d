// French strings of the connected sitting (« Séance connectée »): the page each member
// opens on their own phone (served by the hub, docs/room.md) and the secretary's panel in
// the window. French typography: no-break spaces before « : » « ; » « ? » « ! » and
// inside guillemets, decimal commas.
import { agree, plural } from "../text";

const nb = "\u00a0";

export const room = {
  /** The member's page, on their phone. */
  member: {
    title: "Séance connectée — CESP Commission",
    app: "CESP Commission",
    heading: "Séance connectée",
    skip: "Aller à la notation",
    starting: "Connexion au poste du secrétariat…",
    // Pairing.
    pairTitle: "Appairer cet appareil",
    pairIntro: `Scannez le QR code que vous montre le secrétariat, ou saisissez le code d'appairage de 8${nb}caractères qui l'accompagne.`,
    codeLabel: "Code d'appairage",
    codeHint: `8${nb}caractères, par exemple K7QM${nb}4TZP (majuscules ou minuscules, avec ou sans espace).`,
    codeMissing: `Saisissez le code d'appairage donné par le secrétariat (8${nb}caractères).`,
    codeLength: (n: number) =>
      `Le code d'appairage compte 8${nb}caractères (lettres et chiffres)${nb}; vous en avez saisi ${n}.`,
    pair: "Appairer",
    pairing: "Appairage…",
    waitSeconds: (s: number) => `Nouvel essai possible dans ${plural(s, "seconde", "secondes")}.`,
    unpaired: `Cet appareil n'est plus appairé à la séance (lien remplacé, appareil révoqué ou séance fermée)${nb}: demandez un nouveau code au secrétariat.`,
    unreachable: `Le poste du secrétariat ne répond pas${nb}: vérifiez que ce téléphone est connecté au même réseau Wi-Fi que lui, puis réessayez.`,
    unexpected: (status: number) => `Le poste du secrétariat a répondu par une erreur inattendue (${status}). Réessayez dans un instant.`,
    // Who and where.
    you: "Vous êtes",
    live: "En direct",
    lost: `Connexion perdue${nb}: nouvel essai dans un instant…`,
    connecting: "Connexion…",
    // The candidate.
    candidate: "Candidat en délibération",
    /** Said when the secretary moves on to another candidate (not when the page opens). */
    candidateNow: (name: string) => `Candidat en délibération${nb}: ${name}`,
    waiting: "En attente du candidat…",
    waitingHint: "Cette page se met à jour dès que le secrétariat appelle le candidat suivant.",
    readOnly: "Notes en lecture seule",
    criteria: "Votre notation",
    scale: "Barème",
    valueLabel: (label: string) => `Note — ${label}`,
    total: "Votre total",
    totalValue: (total: string, max: string) => `${total === "" ? "—" : total}${nb}/ ${max}`,
    scored: (n: number, of: number) => `${n} ${agree(n, "critère noté", "critères notés")} sur ${of}`,
    // A write.
    sending: "Envoi…",
    saved: "Enregistrée",
    notSent: "Non envoyée — sera renvoyée",
    pendingCount: (n: number) =>
      `${plural(n, "note n'est pas encore arrivée", "notes ne sont pas encore arrivées")} au poste du secrétariat${nb}: ${agree(n, "elle sera renvoyée", "elles seront renvoyées")} dès que la connexion reviendra.`,
    conflict: (current: string, mine: string) =>
      current === ""
        ? `Le secrétariat a effacé cette note${nb}; vous aviez saisi ${mine}.`
        : `Le secrétariat a saisi ${current}${nb}; vous aviez saisi ${mine}.`,
    keep: (current: string) => (current === "" ? "Laisser vide" : `Garder ${current}`),
    send: (mine: string) => (mine === "" ? "Effacer" : `Envoyer ${mine}`),
    dismiss: "J'ai compris",
    elsewhere: (candidate: string, message: string) => `${candidate}${nb}: ${message}`,
  },
  /** The secretary's side, in « Notation ». */
  panel: {
    open: "Séance connectée…",
    openHint: "Les membres notent depuis leur téléphone",
    // The dialog that opens it.
    dialogTitle: "Ouvrir la séance connectée",
    dialogIntro: `Chaque membre présent avec voix délibérative note depuis son téléphone ou son ordinateur, relié au même réseau que cet ordinateur${nb}: il scanne son QR${nb}code ou saisit son code.`,
    sitting: (label: string) => `Séance${nb}: ${label}`,
    address: "Adresse de cet ordinateur sur le réseau",
    wireless: "Wi-Fi",
    loopback: "pour essayer la page sur cet ordinateur",
    loadingAddresses: "Recherche des réseaux de cet ordinateur…",
    noAddress: `Cet ordinateur n'est relié à aucun réseau${nb}: connectez-le au Wi-Fi de la salle, puis actualisez la liste.`,
    refresh: "Actualiser la liste",
    port: "Port",
    optional: "facultatif",
    portHint: `8765 si vous le laissez vide${nb}; changez-le seulement si ce port est déjà utilisé.`,
    portInvalid: `«${nb}Port${nb}»${nb}: un nombre entier de 1024 à 65535 (par exemple 8765), ou rien pour 8765.`,
    network: `Utilisez le réseau Wi-Fi de la faculté, protégé par un mot de passe (WPA2 ou WPA3), jamais un réseau public${nb}: les notes y circulent sans chiffrement.`,
    cancel: "Annuler",
    start: "Ouvrir la séance connectée",
    starting: "Ouverture…",
    opened: (url: string) => `Séance connectée ouverte à l'adresse ${url}.`,
    // The panel, while it is open.
    title: "Séance connectée",
    intro: (url: string) =>
      `Chaque membre scanne son QR${nb}code avec l'appareil photo de son téléphone, ou ouvre ${url} et saisit son code.`,
    candidate: "Candidat en délibération",
    noCandidate: `aucun${nb}— passez en mode «${nb}Par candidat${nb}» ou «${nb}Séance${nb}» pour l'appeler.`,
    next: "Candidat suivant",
    nextHint: "Page suiv. fait de même.",
    members: "Codes d'appairage des membres",
    showCodes: "Afficher les codes",
    hideCodes: "Masquer les codes",
    qrLabel: (name: string) => `QR${nb}code d'appairage de ${name}`,
    code: "Code",
    memberState: (paired: boolean, devices: number) =>
      devices > 0
        ? `${plural(devices, "appareil appairé", "appareils appairés")}`
        : paired
          ? "Lien utilisé, aucun appareil en service"
          : "Pas encore appairé",
    renew: "Nouveau lien",
    renewLabel: (name: string) => `Nouveau lien et nouveau code pour ${name}`,
    renewed: (name: string) => `Nouveau lien et nouveau code pour ${name}${nb}: les précédents ne servent plus.`,
    noMembers: `Aucun membre présent avec voix délibérative à cette séance${nb}: indiquez les présences dans «${nb}Commission${nb}».`,
    devices: "Appareils appairés",
    noDevices: "Aucun appareil appairé pour l'instant.",
    devicesCount: (online: number, total: number) => `${online} en ligne sur ${total}`,
    member: "Membre",
    agent: "Appareil",
    since: "Appairé à",
    state: "État",
    actions: "Actions",
    online: "En ligne",
    offline: "Hors ligne",
    revoke: "Révoquer…",
    revokeLabel: (name: string, agent: string) => `Révoquer l'appareil de ${name} (${agent})`,
    revokeTitle: "Révoquer cet appareil ?",
    revokeText: (name: string, agent: string, since: string) =>
      `L'appareil de ${name} (${agent}, appairé à ${since}) ne pourra plus envoyer de notes. Pour noter à nouveau, ${name} devra utiliser un nouveau lien («${nb}Nouveau lien${nb}»).`,
    revokeKeep: "Garder l'appareil",
    revokeConfirm: "Révoquer",
    revoked: (name: string) => `Appareil de ${name} révoqué.`,
    close: "Fermer la séance connectée…",
    closeTitle: "Fermer la séance connectée ?",
    closeText:
      "Les téléphones des membres ne pourront plus noter et les liens et codes ne serviront plus. Les notes déjà reçues restent enregistrées.",
    closeKeep: "Laisser ouverte",
    closeConfirm: "Fermer la séance connectée",
    closed: "Séance connectée fermée\u00a0: les notes reçues sont enregistrées.",
    sittingLocked: "Fermez la séance connectée pour changer de séance.",
  },
  /** The projector's view while the connected sitting is open. */
  seance: {
    hidden: `Les notes restent masquées tant que tous les membres présents n'ont pas noté, pour que personne ne soit influencé${nb}; elles s'afficheront d'elles-mêmes.`,
  },
} as const;
