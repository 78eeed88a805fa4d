// Names of a national-scale list: as many distinct French names as a test needs (450 from
// 30 family names and 15 first names), with accents, hyphens, apostrophes and particles.

const families = [
  "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU",
  "SIMON", "LAURENT", "LEFÈVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER",
  "N'DIAYE", "LE GALL", "DUPONT-MOREAU", "BENSAÏD", "NGUYEN", "FAURE", "CHEVALIER", "DESCHAMPS-LÉGER", "BOYER", "PAYET",
];
const firsts = [
  "Marie-Ève", "Zoé", "Lucas", "Chloé", "Théo", "Manon", "Adrien", "Océane", "Noémie", "Mathéo",
  "Inès", "Léa", "Pierre-Louis", "Anaïs", "Jérôme",
];

export interface Person {
  last: string;
  first: string;
  /** « LEFÈVRE Zoé », as core displays a candidate. */
  display: string;
}

/** The `n` first names of the list (distinct up to 450), the family names varying first. */
export function people(n: number): Person[] {
  return Array.from({ length: n }, (_, i) => {
    const last = families[i % families.length]!;
    const first = firsts[Math.floor(i / families.length) % firsts.length]!;
    return { last, first, display: `${last} ${first}` };
  });
}
