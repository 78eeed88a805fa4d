import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CandidatesTable from "./CandidatesTable.svelte";
import { candidate, mockBackend } from "../../test/mock-backend";

function many(n: number) {
  return Array.from({ length: n }, (_, i) =>
    candidate(i + 1, `NOM${String(i).padStart(5, "0")}`, "Prénom", {
      category: i % 3 === 0 ? "intern" : "student",
    }),
  );
}

describe("CandidatesTable", () => {
  it("draws only a window of rows out of 10 000", async () => {
    render(CandidatesTable, {
      backend: mockBackend(),
      candidates: many(10_000),
      deadline: "2026-12-01",
      onimport: vi.fn(),
      onnotice: vi.fn(),
    });
    expect(screen.getByText("10000 candidats")).toBeInTheDocument();
    const rows = screen.getAllByRole("row");
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByRole("table")).toHaveAttribute("aria-rowcount", "10001");
  });

  it("searches without accents, filters and sorts", async () => {
    const candidates = [
      candidate(1, "LEFÈVRE", "Zoé"),
      candidate(2, "MARTIN", "Hugo", { category: "intern" }),
      candidate(3, "ÉTIENNE", "Anaïs"),
    ];
    render(CandidatesTable, { backend: mockBackend(), candidates, deadline: "", onimport: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    const names = () =>
      screen.getAllByRole("button", { name: /^Ouvrir la fiche de / }).map((b) => b.textContent?.trim());
    expect(names()).toEqual(["ÉTIENNE Anaïs", "LEFÈVRE Zoé", "MARTIN Hugo"]);
    await user.click(screen.getByRole("button", { name: "Trier par Nom et prénoms" }));
    expect(names()).toEqual(["MARTIN Hugo", "LEFÈVRE Zoé", "ÉTIENNE Anaïs"]);
    await user.type(screen.getByLabelText("Rechercher un candidat"), "lefevre");
    expect(names()).toEqual(["LEFÈVRE Zoé"]);
    await user.clear(screen.getByLabelText("Rechercher un candidat"));
    await user.selectOptions(screen.getByLabelText("Catégorie"), "intern");
    expect(names()).toEqual(["MARTIN Hugo"]);
  });

  it("deletes after confirmation and offers to undo", async () => {
    const backend = mockBackend();
    const onnotice = vi.fn();
    render(CandidatesTable, {
      backend,
      candidates: [candidate(1, "LEFÈVRE", "Zoé"), candidate(2, "MARTIN", "Hugo")],
      deadline: "",
      onimport: vi.fn(),
      onnotice,
    });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Sélectionner MARTIN Hugo"));
    await user.click(screen.getByRole("button", { name: "Supprimer (1)" }));
    const dialog = screen.getByRole("dialog", { name: "Supprimer ce candidat ?" });
    expect(within(dialog).getByText("MARTIN Hugo")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Supprimer" }));
    expect(backend.candidatesDelete).toHaveBeenCalledWith([2]);
    expect(screen.getByText("1 candidat")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Annuler la suppression" }));
    expect(backend.candidatesRestore).toHaveBeenCalledOnce();
    expect(onnotice).toHaveBeenLastCalledWith("1 candidat restauré.");
  });

  it("edits a cell with Enter and shows core's message when refused", async () => {
    const backend = mockBackend({
      candidateSetField: vi.fn(() =>
        Promise.resolve({
          status: "error" as const,
          error: {
            code: "validation",
            message: "« Courriel » : adresse électronique invalide (attendu : prenom.nom@exemple.fr).",
            details: [],
          },
        }),
      ),
    });
    render(CandidatesTable, {
      backend,
      candidates: [candidate(1, "LEFÈVRE", "Zoé")],
      deadline: "",
      onimport: vi.fn(),
      onnotice: vi.fn(),
    });
    const user = userEvent.setup();
    await user.dblClick(screen.getByText("zoé@etu.fr"));
    const input = screen.getByLabelText("Courriel — LEFÈVRE Zoé");
    await user.clear(input);
    await user.type(input, "zoe@{Enter}");
    expect(backend.candidateSetField).toHaveBeenCalledWith(1, "email", "zoe@");
    expect(screen.getByRole("alert")).toHaveTextContent("adresse électronique invalide");
  });
});
