// French strings of merging another copy of the campaign and purging personal data.
import { plural } from "../text";

export const merge = {
  title: "Fusion et données personnelles",
  mergeIntro:
    "Le référent a préparé des dossiers sur une autre copie du fichier (son ordinateur portable)\u00a0: fusionnez-la ici. Les nouveaux candidats, pièces et fichiers entrent\u00a0; une pièce renseignée différemment des deux côtés vous est montrée pour que vous choisissiez. Une sauvegarde est faite avant.",
  mergeButton: "Fusionner une copie de la campagne…",
  planTitle: (file: string) => `Fusion de «\u00a0${file}\u00a0»`,
  nothing: "Cette copie n'apporte rien de nouveau\u00a0: les deux fichiers ont les mêmes dossiers.",
  newCandidates: (n: number) => plural(n, "nouveau candidat", "nouveaux candidats"),
  candidateLine: (name: string, category: string, pieces: number, files: number) =>
    `${name} (${category}) — ${plural(pieces, "pièce", "pièces")}, ${plural(files, "fichier", "fichiers")}`,
  incoming: (n: number) => `${plural(n, "pièce ou fichier", "pièces ou fichiers")} à recevoir`,
  conflicts: (n: number) => plural(n, "conflit à régler", "conflits à régler"),
  conflictsHelp: "Choisissez, pour chaque pièce, la valeur à garder. La plus récente est proposée\u00a0; l'autre reste inscrite au journal.",
  candidate: "Candidat",
  piece: "Pièce",
  ours: "Dans ce fichier",
  theirs: "Dans l'autre copie",
  keepOurs: "Garder",
  takeTheirs: "Prendre",
  choiceLabel: (piece: string, name: string, side: string) => `${piece} de ${name}\u00a0: ${side}`,
  newPieces: (labels: string) => `Pièces ajoutées à la liste\u00a0: ${labels}.`,
  unchanged: (n: number) => `${plural(n, "pièce identique", "pièces identiques")} des deux côtés.`,
  apply: "Fusionner",
  cancel: "Annuler",
  done: (added: number, incoming: number, conflicts: number) =>
    `Fusion enregistrée\u00a0: ${plural(added, "candidat ajouté", "candidats ajoutés")}, ${plural(incoming, "pièce ou fichier reçu", "pièces ou fichiers reçus")}, ${plural(conflicts, "conflit réglé", "conflits réglés")}.`,
  retentionTitle: "Données des candidats non retenus",
  retentionIntro: (end: string) =>
    `Les données personnelles des candidats non retenus sont conservées un temps après la fin de la campagne (${end}), puis purgées\u00a0: elles sont d'abord exportées dans un classeur, puis effacées du fichier (une ligne anonyme reste pour les effectifs et le procès-verbal).`,
  months: "Durée de conservation après la fin de la campagne (en mois)",
  saveMonths: "Enregistrer la durée",
  savedMonths: (n: number) => `Durée de conservation\u00a0: ${plural(n, "mois", "mois")}.`,
  purgeFrom: (date: string) => `Purge possible à partir du ${date}.`,
  purgeable: (n: number) =>
    n === 0 ? "Aucun candidat non retenu n'a de données à purger." : `${plural(n, "candidat non retenu concerné", "candidats non retenus concernés")}\u00a0:`,
  purged: (n: number) => (n === 0 ? "" : `${plural(n, "candidat déjà purgé", "candidats déjà purgés")}.`),
  purgeButton: "Exporter puis purger…",
  purgeTitle: "Purger les données personnelles\u00a0?",
  purgeBody: (n: number) =>
    `Les données de ${plural(n, "candidat non retenu", "candidats non retenus")} seront exportées dans le classeur que vous allez choisir, puis effacées du fichier de la campagne (noms, coordonnées, résultats, pièces et fichiers joints). Une sauvegarde est faite avant. Cette action ne peut pas être annulée dans l'application.`,
  purgeConfirm: "Exporter puis purger",
  purgeDone: (n: number, files: number, file: string) =>
    `Purge faite\u00a0: ${plural(n, "candidat", "candidats")} et ${plural(files, "fichier joint", "fichiers joints")} effacés, après export dans «\u00a0${file}\u00a0».`,
  notYet: (date: string) => `Pas avant le ${date}.`,
};
