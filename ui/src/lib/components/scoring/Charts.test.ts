import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import Charts from "./Charts.svelte";
import { ranking } from "../../../test/mock-scoring";

describe("Charts", () => {
  it("names each distribution and says its bars in words, never « Total »", () => {
    render(Charts, { ranking });
    const chart = screen.getByRole("figure", { name: "Répartition des notes\u00a0: Précision et maturité du projet" });
    const table = within(chart).getByRole("table", { name: "Répartition des notes\u00a0: Précision et maturité du projet" });
    const rows = within(table).getAllByRole("row").map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    expect(rows).toEqual([
      ["Note", "Nombre de notes"],
      ["4", "1 note"],
      ["4,5", "1 note"],
    ]);
    // The bars are drawn for the eye only; their figures are written on them.
    const bars = chart.querySelector(".bars")!;
    expect(bars).toHaveAttribute("aria-hidden", "true");
    expect([...bars.querySelectorAll("li")].map((li) => [li.querySelector(".count")!.textContent, li.querySelector(".value")!.textContent])).toEqual([
      ["1", "4"],
      ["1", "4,5"],
    ]);
    expect(chart.textContent).not.toMatch(/Total/);
  });

  it("writes a national campaign's counts on two heights, so that wide numbers never overlap", () => {
    const national = {
      ...ranking,
      distributions: [
        { criterion_id: 1, label: "Qualité de l'argumentation", buckets: [{ label: "2,5", count: 10313 }, { label: "3", count: 10378 }, { label: "3,5", count: 9738 }] },
        { criterion_id: 2, label: "Motivation et engagement", buckets: [{ label: "4", count: 12 }, { label: "4,5", count: 7 }] },
      ],
    };
    render(Charts, { ranking: national });
    const [wide, narrow] = [...document.querySelectorAll(".bars")];
    expect(wide).toHaveClass("staggered");
    expect([...wide!.querySelectorAll(".count")].map((c) => c.textContent)).toEqual(["10\u00a0313", "10\u00a0378", "9\u00a0738"]);
    // A faculty's counts fit their bars: drawn on one line.
    expect(narrow).not.toHaveClass("staggered");
  });

  it("says each member's severity in words, and tells it apart without colour", () => {
    render(Charts, { ranking });
    const table = screen.getByRole("table", { name: "Sévérité des membres (écart moyen à la moyenne de la commission)" });
    expect(within(table).getByRole("columnheader", { name: "Écart moyen à la moyenne de la commission" })).toBeInTheDocument();
    const lefebvre = within(table).getByRole("row", { name: /Pr Jean-Marc LEFEBVRE/ });
    expect(lefebvre).toHaveTextContent("−0,3 point en moyenne (plus sévère)");
    const legend = screen.getByRole("list", { name: "Légende" });
    expect(legend.textContent).toContain("à gauche du trait, plein\u00a0: plus sévère que la moyenne");
    expect(legend.textContent).toContain("à droite du trait, hachuré\u00a0: plus indulgent");
    expect(table).toHaveAccessibleDescription(/plus sévère.*plus indulgent/);
    // Plain to the left of the line, hatched to the right.
    expect(lefebvre.querySelector("rect.severe")).toHaveAttribute("fill", "#1f3f77");
    const marchand = within(table).getByRole("row", { name: /Dr Sophie MARCHAND/ });
    expect(marchand.querySelector("rect.lenient")!.getAttribute("fill")).toMatch(/^url\(#hatch-/);
  });
});
