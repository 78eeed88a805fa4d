import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import ImportWizard from "./ImportWizard.svelte";
import { mockBackend, preview } from "../../test/mock-backend";

describe("ImportWizard", () => {
  it("previews the chosen file, lets the user fix the mapping and settle conflicts, then imports", async () => {
    const backend = mockBackend();
    const ondone = vi.fn();
    const onnotice = vi.fn();
    render(ImportWizard, { backend, ondone, onnotice });
    const user = userEvent.setup();
    expect(await screen.findByText("Aucun import pour cette campagne.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Choisir un fichier…" }));
    expect(await screen.findByText(/candidats-2026\.xlsx — Excel \(xlsx\)/)).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "À créer (2)" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByText("ROUSSEL Chloé")).toBeInTheDocument();

    // Column D is ignored; map it to the student number: core is asked again.
    const select = screen.getByLabelText("Champ de la colonne D (« Code »)");
    await user.selectOptions(select, "student_number");
    const options = (backend.importPreview as ReturnType<typeof vi.fn>).mock.calls.at(-1)?.[0];
    expect(options.mapping).toEqual(["last_name", "first_names", "birth_date", "student_number"]);

    await user.click(screen.getByRole("tab", { name: "Rejetées (1)" }));
    const panel = screen.getByRole("tabpanel");
    expect(within(panel).getByText("29/02/2001")).toBeInTheDocument();
    expect(within(panel).getByText(/date invalide/)).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "Conflits (1)" }));
    await user.click(screen.getByLabelText("Prendre celle du fichier"));
    await user.click(screen.getByRole("button", { name: "Importer (3 candidats)" }));
    const applied = (backend.importApply as ReturnType<typeof vi.fn>).mock.calls[0]?.[0];
    expect(applied.resolutions).toEqual([{ candidate_id: 3, field: "email", take_file: true }]);
    expect(onnotice).toHaveBeenCalledWith(
      "Import terminé : 2 candidats créés, 1 mis à jour, 1 ligne rejetée.",
    );
    expect(ondone).toHaveBeenCalledOnce();
  });

  it("keeps the user's column choices when the header row changes", async () => {
    const backend = mockBackend();
    render(ImportWizard, { backend, ondone: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Choisir un fichier…" }));
    await user.selectOptions(await screen.findByLabelText("Champ de la colonne D (« Code »)"), "student_number");
    const header = screen.getByLabelText("Ligne d'en-têtes");
    await user.clear(header);
    await user.type(header, "2");
    await user.tab();
    const options = (backend.importPreview as ReturnType<typeof vi.fn>).mock.calls.at(-1)?.[0];
    expect(options.header_row).toBe(2);
    expect(options.mapping).toBeNull();
    expect(options.template.columns).toContainEqual({ header: "Code", field: "student_number" });
  });

  it("blocks the import while a mandatory field has no column", async () => {
    const backend = mockBackend({
      importPreview: vi.fn(() =>
        Promise.resolve({
          status: "ok" as const,
          data: {
            ...preview,
            missing: [
              "« candidats-2026.xlsx » : aucune colonne n'est associée au champ obligatoire « Prénom(s) » ; choisissez la colonne qui le contient dans la correspondance des colonnes.",
            ],
          },
        }),
      ),
    });
    render(ImportWizard, { backend, ondone: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Choisir un fichier…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("champ obligatoire « Prénom(s) »");
    expect(screen.getByRole("button", { name: /^Importer \(/ })).toBeDisabled();
  });

  it("asks before undoing an import", async () => {
    const backend = mockBackend({
      importHistory: vi.fn(() =>
        Promise.resolve({
          status: "ok" as const,
          data: [
            {
              id: 4,
              at_display: "22/11/2026 à 17 h 57",
              operator: "Claire Dumont",
              file_name: "candidats-2026.xlsx",
              created: 2,
              updated: 0,
              rejected: 2,
              undone_display: null,
              can_undo: true,
            },
          ],
        }),
      ),
    });
    const onnotice = vi.fn();
    render(ImportWizard, { backend, ondone: vi.fn(), onnotice });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Annuler cet import" }));
    const dialog = screen.getByRole("dialog", { name: "Annuler cet import ?" });
    expect(backend.importUndo).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Annuler l'import" }));
    expect(backend.importUndo).toHaveBeenCalledWith(4);
    expect(onnotice).toHaveBeenCalledWith("Import annulé : 2 candidats retirés.");
  });
});
