import { describe, expect, it } from "vitest";
import { fold } from "./text";
import { academicYear, defaultSettings } from "./defaults";

describe("fold", () => {
  it("ignores case and accents, as people type names", () => {
    expect(fold("LEFÈVRE")).toBe("lefevre");
    expect(fold("Marie-Ève N'DIAYE")).toBe("marie-eve n'diaye");
    expect(fold("Maëlys")).toBe(fold("maelys"));
  });
});

describe("academicYear", () => {
  it("turns in September", () => {
    expect(academicYear(new Date(2026, 10, 22))).toBe("2026-2027");
    expect(academicYear(new Date(2027, 0, 16))).toBe("2026-2027");
    expect(academicYear(new Date(2027, 7, 31))).toBe("2026-2027");
    expect(academicYear(new Date(2027, 8, 1))).toBe("2027-2028");
  });

  it("gives a blank campaign with both disciplines and no contracts", () => {
    const s = defaultSettings(new Date(2026, 10, 22));
    expect(s.disciplines).toEqual(["medicine", "odontology"]);
    expect(s.quotas.intern.medicine).toBe(0);
    expect(s.academic_year).toBe("2026-2027");
  });
});
