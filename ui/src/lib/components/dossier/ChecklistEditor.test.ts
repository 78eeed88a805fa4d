import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import ChecklistEditor from "./ChecklistEditor.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { checklistInvalid, failingWith, pieces } from "../../../test/mock-dossier";
import type { Backend } from "../../backend";

function setup(overrides: Partial<Backend> = {}) {
  const backend = mockBackend(overrides);
  const onnotice = vi.fn();
  const onsaved = vi.fn();
  let dirty = false;
  render(ChecklistEditor, {
    props: {
      backend,
      onnotice,
      onsaved,
      get dirty() {
        return dirty;
      },
      set dirty(v: boolean) {
        dirty = v;
      },
    },
  });
  return { backend, onnotice, onsaved, isDirty: () => dirty, user: userEvent.setup() };
}

const row = (n: number) => screen.getByRole("group", { name: new RegExp(`^Pièce ${n}( —|$)`) });
const unchanged = pieces.map((p) => ({
  id: p.id,
  label: p.label,
  mandatory: p.mandatory,
  categories: p.categories,
  condition: p.condition,
}));

describe("ChecklistEditor", () => {
  it("lists the pieces with label, mandatory, categories and condition", async () => {
    setup();
    const first = await screen.findByRole("group", { name: "Pièce 1 — Formulaire de candidature" });
    expect(within(first).getByLabelText(/^Intitulé/)).toHaveValue("Formulaire de candidature");
    expect(within(first).getByRole("checkbox", { name: /^Obligatoire/ })).toBeChecked();
    const cats = within(first).getByRole("group", { name: /^Demandée aux/ });
    expect(within(cats).getByRole("checkbox", { name: "Étudiants" })).toBeChecked();
    expect(within(cats).getByRole("checkbox", { name: "Internes" })).toBeChecked();
    expect(within(cats).getByRole("checkbox", { name: "PADHUE" })).not.toBeChecked();
    expect(within(first).getByLabelText("Condition")).toHaveValue("none");
    expect(first).toHaveTextContent("Enregistrée : Étudiants, internes.");
    expect(within(row(3)).getByLabelText("Condition")).toHaveValue("foreign");
    expect(within(row(5)).getByRole("checkbox", { name: /^Obligatoire/ })).not.toBeChecked();
    expect(screen.getByRole("button", { name: "Enregistrer la liste" })).toBeDisabled();
  });

  it("saves the values typed, in the order chosen, and flags unsaved changes until then", async () => {
    const { backend, onnotice, onsaved, isDirty, user } = setup();
    await screen.findByRole("group", { name: /^Pièce 1/ });
    expect(isDirty()).toBe(false);

    // Edit the ARS agreement: mandatory, students only.
    const ars = row(5);
    await user.click(within(ars).getByRole("checkbox", { name: /^Obligatoire/ }));
    expect(isDirty()).toBe(true);
    expect(screen.getByRole("status")).toHaveTextContent("Modifications non enregistrées.");
    await user.click(within(ars).getByRole("checkbox", { name: "Internes" }));
    await user.click(within(ars).getByRole("checkbox", { name: "PADHUE" }));
    // Move it above the RIB.
    await user.click(within(ars).getByRole("button", { name: "Monter la pièce 5 (Accord écrit de l'ARS)" }));
    expect(row(4)).toHaveAccessibleName("Pièce 4 — Accord écrit de l'ARS");
    expect(screen.getByRole("button", { name: "Monter la pièce 4 (Accord écrit de l'ARS)" })).toHaveFocus();

    // A new piece, for foreign nationals.
    await user.click(screen.getByRole("button", { name: "Ajouter une pièce" }));
    const added = row(6);
    expect(within(added).getByLabelText(/^Intitulé/)).toHaveFocus();
    await user.keyboard("Attestation de niveau de français");
    await user.selectOptions(within(added).getByLabelText("Condition"), "Seulement si nationalité étrangère");
    expect(added).toHaveTextContent("Nouvelle pièce, pas encore enregistrée.");

    // Remove the residence permit.
    await user.click(screen.getByRole("button", { name: "Retirer la pièce 3 (Titre de séjour)" }));

    await user.click(screen.getByRole("button", { name: "Enregistrer la liste" }));
    expect(backend.piecesSave).toHaveBeenCalledWith([
      unchanged[0],
      unchanged[1],
      { id: 11, label: "Accord écrit de l'ARS", mandatory: true, categories: ["student"], condition: "none" },
      unchanged[3],
      { id: null, label: "Attestation de niveau de français", mandatory: true, categories: ["student", "intern", "padhue"], condition: "foreign" },
    ]);
    expect(onnotice).toHaveBeenCalledWith("Liste des pièces enregistrée\u00a0: les dossiers sont recalculés.");
    expect(onsaved).toHaveBeenCalledOnce();
    // The list is core's answer again.
    expect(isDirty()).toBe(false);
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("moves a piece down and cancels the changes", async () => {
    const { backend, isDirty, user } = setup();
    await screen.findByRole("group", { name: /^Pièce 1/ });
    expect(screen.getByRole("button", { name: "Monter la pièce 1 (Formulaire de candidature)" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Descendre la pièce 1 (Formulaire de candidature)" }));
    expect(row(2)).toHaveAccessibleName("Pièce 2 — Formulaire de candidature");
    expect(isDirty()).toBe(true);
    await user.click(screen.getByRole("button", { name: "Annuler les modifications" }));
    expect(row(1)).toHaveAccessibleName("Pièce 1 — Formulaire de candidature");
    expect(isDirty()).toBe(false);
    expect(backend.piecesSave).not.toHaveBeenCalled();
  });

  it("shows core's messages next to the label and the categories of the piece concerned", async () => {
    const { onsaved, isDirty, user } = setup({ piecesSave: failingWith(checklistInvalid) });
    await screen.findByRole("group", { name: /^Pièce 1/ });
    await user.click(screen.getByRole("button", { name: "Ajouter une pièce" }));
    const added = row(6);
    for (const name of ["Étudiants", "Internes", "PADHUE"]) await user.click(within(added).getByRole("checkbox", { name }));
    await user.click(screen.getByRole("button", { name: "Enregistrer la liste" }));
    const label = within(added).getByLabelText(/^Intitulé/);
    expect(label).toHaveAttribute("aria-invalid", "true");
    expect(label).toHaveAccessibleDescription("Pièce 6 : l'intitulé est obligatoire.");
    await vi.waitFor(() => expect(label).toHaveFocus());
    expect(within(added).getByRole("checkbox", { name: "Étudiants" })).toHaveAccessibleDescription(
      expect.stringContaining("cochez au moins une catégorie"),
    );
    expect(onsaved).not.toHaveBeenCalled();
    expect(isDirty()).toBe(true);
  });

  it("shows core's refusal to remove a piece already used", async () => {
    const message =
      "La pièce « Titre de séjour » est déjà renseignée pour des candidats : elle ne peut pas être retirée. Rendez-la plutôt facultative.";
    const { user } = setup({ piecesSave: failingWith({ code: "piece_in_use", message, details: [] }) });
    await screen.findByRole("group", { name: /^Pièce 1/ });
    await user.click(screen.getByRole("button", { name: "Retirer la pièce 3 (Titre de séjour)" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer la liste" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
  });
});
