// French strings of « Nouvelle campagne à partir d'une autre… »: next year's campaign
// started from last year's file, with the parts chosen and the interview days moved.
// French typography: no-break spaces before « : » « ; » « ? » « ! » and inside guillemets.

export const carry = {
  /** The home screen's and the welcome's entry. */
  start: "Nouvelle campagne à partir d'une autre…",
  startHint:
    "Reprenez la commission, la grille, les pièces et l'organisation des entretiens d'une campagne précédente.",
  // The passphrase of an encrypted source file.
  unlockTitle: "Campagne chiffrée",
  unlockMessage: (file: string) =>
    `«\u00a0${file}\u00a0» est chiffré\u00a0: saisissez sa phrase de passe pour en reprendre le contenu. Le fichier n'est pas modifié.`,
  unlockSubmit: "Continuer",
  unlockBusy: "Lecture…",
  // The form.
  title: "Nouvelle campagne à partir d'une autre",
  intro: (campaign: string) =>
    `Les paramètres de «\u00a0${campaign}\u00a0» sont repris pour l'année suivante\u00a0: vérifiez-les, en particulier les contingents de l'année. Vous choisirez ensuite où enregistrer le fichier\u00a0; la campagne de départ n'est pas modifiée.`,
  legend: (file: string) => `À reprendre de «\u00a0${file}\u00a0»`,
  /** An offer with nothing in it: core's detail says what it holds (nothing). */
  nothing: (detail: string) => `${detail} — rien à reprendre`,
  never: "Jamais repris\u00a0: candidats, dossiers, pièces jointes, notes, plannings, listes, procès-verbaux, journal.",
  needsCommission:
    "Les jurys sont faits des membres de la commission\u00a0: reprenez aussi la commission, ou ne reprenez pas l'organisation des entretiens.",
  daysTitle: "Journées d'entretiens à reporter",
  daysIntro:
    "Chaque journée est proposée le même jour de la semaine, 52\u00a0semaines plus tard. Changez une date au besoin (JJ/MM/AAAA)\u00a0: un dimanche, un jour férié ou une date hors de l'année universitaire sont refusés.",
  was: "Journée de l'an dernier",
  now: "Nouvelle date",
  dayLabel: (was: string) => `Nouvelle date de la journée du ${was}`,
  /** The weekday of the date proposed, under its field. */
  proposed: (long: string) => `Proposée\u00a0: ${long}`,
  warning: "À changer\u00a0:",
  create: "Créer la campagne…",
};
