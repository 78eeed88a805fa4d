import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import JournalList from "./JournalList.svelte";
import type { JournalRow } from "../bindings";

const rows: JournalRow[] = [
  {
    id: 9,
    at: "2026-11-22T17:23:00.000Z",
    at_display: "22/11/2026 à 18 h 23",
    operator: "Claire Dumont, secrétaire",
    action: "import.apply",
    summary: "Import de « candidats-tours.xlsx » (feuille « Candidats CESP ») : 5 candidats créés, 0 mis à jour, 2 lignes rejetées.",
    changes: [],
    reference: 3,
  },
  {
    id: 8,
    at: "2026-11-22T17:20:00.000Z",
    at_display: "22/11/2026 à 18 h 20",
    operator: "Claire Dumont, secrétaire",
    action: "campaign.update",
    summary: "Paramètres de la campagne modifiés : Contingent Étudiants — odontologie.",
    changes: [{ field: "Contingent Étudiants — odontologie", before: "0", after: "3" }],
    reference: null,
  },
];

describe("JournalList", () => {
  it("shows who changed what, with values before and after", () => {
    render(JournalList, { rows });
    const table = screen.getByRole("table");
    expect(within(table).getByText("Contingent Étudiants — odontologie")).toBeInTheDocument();
    expect(within(table).getByText("0")).toBeInTheDocument();
    expect(within(table).getByText("3")).toBeInTheDocument();
    expect(screen.getAllByText("Claire Dumont, secrétaire")).toHaveLength(2);
  });

  it("offers to undo the latest import, after confirmation", async () => {
    const onundo = vi.fn();
    render(JournalList, { rows, undoable: [3], onundo });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Annuler cet import" }));
    expect(onundo).not.toHaveBeenCalled();
    const dialog = screen.getByRole("dialog", { name: "Annuler cet import ?" });
    await user.click(within(dialog).getByRole("button", { name: "Annuler l'import" }));
    expect(onundo).toHaveBeenCalledWith(3);
  });

  it("does not offer to undo an import that can no longer be undone", () => {
    render(JournalList, { rows, undoable: [], onundo: vi.fn() });
    expect(screen.queryByRole("button", { name: "Annuler cet import" })).toBeNull();
  });
});
