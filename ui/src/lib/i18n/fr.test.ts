import { describe, expect, it } from "vitest";
import { fr } from "./fr";

// Counts in the catalogue agree with their number (French: the singular up to one), never
// « candidat(s) ».
describe("the French catalogue's counts", () => {
  it("agree the verb with the members who scored", () => {
    expect(fr.scoring.seance.progress(0, 7)).toBe("0 membre sur 7 a noté");
    expect(fr.scoring.seance.progress(1, 2)).toBe("1 membre sur 2 a noté");
    expect(fr.scoring.seance.progress(3, 7)).toBe("3 membres sur 7 ont noté");
  });

  it("agree nouns and participles in the candidates and the import", () => {
    expect(fr.candidates.count(1, 1)).toBe("1 candidat");
    expect(fr.candidates.count(2, 60)).toBe("2 sur 60 candidats");
    expect(fr.table.deleted(1)).toBe("1 candidat supprimé.");
    expect(fr.table.restored(3)).toBe("3 candidats restaurés.");
    expect(fr.importer.progress(0, 500)).toBe("0 ligne sur 500");
    expect(fr.importer.blank(2)).toBe("2 lignes vides ignorées.");
    expect(fr.importer.confirm(1)).toBe("Importer (1 candidat)");
    expect(fr.importer.done(1, 0, 0)).toBe("Import terminé\u00a0: 1 candidat créé, 0 mis à jour, 0 ligne rejetée.");
    expect(fr.importer.done(2, 3, 4)).toBe("Import terminé\u00a0: 2 candidats créés, 3 mis à jour, 4 lignes rejetées.");
    expect(fr.importer.historyCounts(0, 1, 2)).toBe("0 créé, 1 mis à jour, 2 rejetés");
    expect(fr.importer.undoneNotice(1)).toBe("Import annulé\u00a0: 1 candidat retiré.");
  });

  it("agree in the allocation, the minutes, the recusals and the ranking", () => {
    expect(fr.allocation.lists.mainCaption("Étudiants — médecine", 1, 1)).toBe("Étudiants — médecine — liste principale (1 sur 1 contrat)");
    expect(fr.allocation.lists.mainCaption("Étudiants — médecine", 2, 3)).toBe("Étudiants — médecine — liste principale (2 sur 3 contrats)");
    expect(fr.allocation.withdraw.promoted(["COLIN Théo"])).toBe("Entre sur la liste principale\u00a0: COLIN Théo.");
    expect(fr.allocation.withdraw.promoted(["COLIN Théo", "FAURE Manon"])).toBe("Entrent sur la liste principale\u00a0: COLIN Théo, FAURE Manon.");
    expect(fr.allocation.sendOut.written(1)).toBe("1 lettre de décision écrite, et un fichier qui les regroupe.");
    expect(fr.allocation.sendOut.written(2)).toBe("2 lettres de décision écrites, et un fichier qui les regroupe.");
    expect(fr.minutes.annexCount(0)).toBe("0 décision au journal (détail dans le PDF).");
    expect(fr.minutes.annexCount(2)).toBe("2 décisions au journal (détail dans le PDF).");
    expect(fr.commission.recusals.added(1)).toBe("Déport enregistré\u00a0; 1 note retirée (conservée au journal).");
    expect(fr.commission.recusals.added(3)).toBe("Déport enregistré\u00a0; 3 notes retirées (conservées au journal).");
    expect(fr.scoring.ranking.lockDisagreements(1)).toMatch(/^1 candidat a des notes en désaccord/);
    expect(fr.scoring.ranking.lockDisagreements(2)).toMatch(/^2 candidats ont des notes en désaccord/);
  });

  it("agree in the e-mail's preview, progress and report", () => {
    const t = fr.mail.send;
    expect(t.count(0)).toBe("Aucun courriel à envoyer");
    expect(t.count(1)).toBe("1 courriel à envoyer");
    expect(t.count(36)).toBe("36 courriels à envoyer");
    expect(t.confirm(1)).toBe("Envoyer le courriel");
    expect(t.confirm(36)).toBe("Envoyer les 36 courriels");
    expect(t.withoutAddress(2)).toBe("2 candidats n'ont pas d'adresse électronique\u00a0: leurs lettres sont à imprimer et à poster.");
    expect(t.invalid(2)).toBe("2 adresses ne sont pas valables\u00a0: les lettres sont à imprimer et à poster.");
    expect(t.progress(12, 36)).toBe("12 sur 36");
    expect(t.sent(0)).toBe("Aucun courriel envoyé.");
    expect(t.sent(1)).toBe("1 courriel envoyé.");
    expect(t.refused(2)).toBe("2 courriels refusés par le serveur\u00a0:");
    expect(t.notAgain(3)).toBe("3 courriels déjà envoyés auparavant, non renvoyés.");
    expect(fr.mail.list.count(1, 1)).toBe("1 courriel");
    expect(fr.mail.list.count(2, 36)).toBe("2 sur 36 courriels");
  });
});

// A long list shown a page at a time: the line under it and its button agree with the
// number and the gender of what the list holds.
describe("the line and button under a long list", () => {
  const nb = "\u00a0";
  const t = fr.more;
  it("say how many are shown out of how many, the digits grouped", () => {
    expect(t.shown(200, 10000, fr.dossier.list.noun)).toBe(`200 sur 10${nb}000 dossiers affichés`);
    expect(t.shown(22, 202, fr.commission.sittings.noun)).toBe("22 sur 202 séances affichées");
    expect(t.shown(1, 245, fr.journal.noun)).toBe("1 entrée affichée sur 245");
    expect(t.shown(1200, 9121, fr.more.candidates)).toBe(`1${nb}200 sur 9${nb}121 candidats affichés`);
  });

  it("name the next rows, and the last ones as such", () => {
    expect(t.button(200, false, fr.dossier.list.noun)).toBe("Afficher les 200 dossiers suivants");
    expect(t.button(50, true, fr.dossier.list.noun)).toBe("Afficher les 50 derniers dossiers");
    expect(t.button(22, false, fr.commission.sittings.noun)).toBe("Afficher les 22 séances suivantes");
    expect(t.button(7, true, fr.commission.sittings.noun)).toBe("Afficher les 7 dernières séances");
    expect(t.button(1, false, fr.commission.sittings.noun)).toBe("Afficher la séance suivante");
    expect(t.button(1, false, fr.journal.noun)).toBe("Afficher l'entrée suivante");
    expect(t.button(1, false, fr.more.candidates)).toBe("Afficher le candidat suivant");
    expect(t.button(1, true, fr.journal.noun)).toBe("Afficher la dernière entrée");
    expect(t.button(1, true, fr.more.candidates)).toBe("Afficher le dernier candidat");
  });

  it("say when every row is shown", () => {
    expect(t.all(450, fr.dossier.list.noun)).toBe("Les 450 dossiers sont tous affichés.");
    expect(t.all(8730, fr.journal.noun)).toBe(`Les 8${nb}730 entrées sont toutes affichées.`);
    expect(t.all(1, fr.journal.noun)).toBe("L'entrée est affichée.");
    expect(t.all(1, fr.more.candidates)).toBe("Le candidat est affiché.");
  });
});

// A regional list counts in thousands: French groups the digits by three, with no-break
// spaces, in every count the catalogue writes.
describe("the French catalogue's large counts", () => {
  const nb = "\u00a0";
  it("group the digits of the import's progress, tabs and history", () => {
    expect(fr.importer.progress(16000, 100000)).toBe(`16${nb}000 lignes sur 100${nb}000`);
    expect(fr.importer.tabCreate(99999)).toBe(`À créer (99${nb}999)`);
    expect(fr.importer.tabUpdate(1200)).toBe(`Mises à jour (1${nb}200)`);
    expect(fr.importer.tabRejected(5)).toBe("Rejetées (5)");
    expect(fr.importer.done(100000, 1500, 0)).toBe(`Import terminé\u00a0: 100${nb}000 candidats créés, 1${nb}500 mis à jour, 0 ligne rejetée.`);
    expect(fr.importer.historyCounts(9997, 1500, 3)).toBe(`9${nb}997 créés, 1${nb}500 mis à jour, 3 rejetés`);
  });

  it("group them in the lists, the deletion, the e-mail and the planning", () => {
    expect(fr.candidates.count(1250, 99999)).toBe(`1${nb}250 sur 99${nb}999 candidats`);
    expect(fr.table.deleteSelected(2000)).toBe(`Supprimer (2${nb}000)`);
    expect(fr.table.deleteTitle(2000)).toBe(`Supprimer ces 2${nb}000 candidats\u00a0?`);
    expect(fr.mail.send.confirm(1200)).toBe(`Envoyer les 1${nb}200 courriels`);
    expect(fr.mail.send.progress(1000, 1200)).toBe(`1${nb}000 sur 1${nb}200`);
    expect(fr.schedule.planning.waitingTitle(9121)).toBe(`À placer (9${nb}121)`);
    expect(fr.journal.count(8730, 20858)).toBe(`8${nb}730 entrées sur 20${nb}858`);
    expect(fr.bilan.previousCell(10500, "+3")).toBe(`10${nb}500 (+3)`);
  });
});
