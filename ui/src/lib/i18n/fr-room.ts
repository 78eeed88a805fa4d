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
} as const;
