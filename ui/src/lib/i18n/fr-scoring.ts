// French strings of the scoring sections (grid, scoring, séance, ranking).
export const scoring = {
  gridTitle: "Grille de notation",
};
