import { describe, expect, it } from "vitest";
import { agree, fold, isoToFrench, matches, plural, toFix, todayIso } from "./text";
import { CATALOGUE } from "./bindings";

describe("fold", () => {
  it("ignores case and accents, as people type names", () => {
    expect(fold("LEFÈVRE")).toBe("lefevre");
    expect(fold("Marie-Ève N'DIAYE")).toBe("marie-eve n'diaye");
    expect(fold("Maëlys")).toBe(fold("maelys"));
  });

  it("folds as core does, ligatures included (the pairs core folded)", () => {
    expect(CATALOGUE.fold_examples.length).toBeGreaterThan(10);
    for (const [name, folded] of CATALOGUE.fold_examples) expect(fold(name)).toBe(folded);
    expect(fold("CŒUR")).toBe("coeur");
  });
});

describe("isoToFrench", () => {
  it("formats dates as core does (the pairs core formatted)", () => {
    expect(CATALOGUE.date_examples.length).toBeGreaterThan(2);
    for (const [iso, shown] of CATALOGUE.date_examples) expect(isoToFrench(iso)).toBe(shown);
    expect(todayIso(new Date(2027, 0, 4))).toBe("2027-01-04");
    expect(isoToFrench(todayIso(new Date(2027, 0, 4)))).toBe("04/01/2027");
  });

  it("counts as core does, the digits grouped (the counts core wrote)", () => {
    expect(CATALOGUE.count_examples.length).toBeGreaterThan(5);
    for (const [n, said] of CATALOGUE.count_examples) expect(plural(n, "candidat", "candidats")).toBe(said);
    expect(plural(10_000, "candidat", "candidats")).toBe("10\u00a0000 candidats");
  });

  it("counts the points to correct as core does (the sentences core wrote)", () => {
    expect(CATALOGUE.to_fix_examples.length).toBe(3);
    for (const [n, said] of CATALOGUE.to_fix_examples) expect(toFix(n)).toBe(said);
    expect(toFix(1)).toBe("1 point est à corriger");
    expect(toFix(3)).toBe("3 points sont à corriger");
  });
});

describe("matches", () => {
  it("finds a name from any of its words, in any order, hyphens and accents aside", () => {
    expect(matches("BENSAÏD Pierre-Louis", "pierre louis")).toBe(true);
    expect(matches("BENSAÏD Pierre-Louis", "pierre-louis bensaid")).toBe(true);
    expect(matches("DUPONT-MOREAU Marie-Ève", "marie eve")).toBe(true);
    expect(matches("N'DIAYE Awa", "ndiaye")).toBe(true);
    expect(matches("N'DIAYE Awa", "n diaye")).toBe(true);
    expect(matches("BENSAÏD Pierre-Louis", "pierre paul")).toBe(false);
    // A typographic apostrophe in the list, a straight one typed, or none.
    expect(matches("O’BRIEN Siobhán", "o'brien")).toBe(true);
    expect(matches("O’BRIEN Siobhán", "obrien")).toBe(true);
    expect(matches("O’BRIEN Siobhán", "")).toBe(true);
  });
});

describe("plural and agree", () => {
  it("use the singular up to one, as French does", () => {
    expect(plural(0, "ligne rejetée", "lignes rejetées")).toBe("0 ligne rejetée");
    expect(plural(1, "candidat créé", "candidats créés")).toBe("1 candidat créé");
    expect(plural(2, "candidat créé", "candidats créés")).toBe("2 candidats créés");
    expect(agree(0, "a", "ont")).toBe("a");
    expect(agree(1, "a", "ont")).toBe("a");
    expect(agree(2, "a", "ont")).toBe("ont");
  });
});

describe("isoToFrench", () => {
  it("shows an ISO date as people read and type it, anything else as it is", () => {
    expect(isoToFrench("2026-12-01")).toBe("01/12/2026");
    expect(isoToFrench("01/12/2026")).toBe("01/12/2026");
    expect(isoToFrench("")).toBe("");
  });
});
