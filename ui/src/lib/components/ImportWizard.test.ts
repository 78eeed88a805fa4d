import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import ImportWizard from "./ImportWizard.svelte";
import { mockBackend, preview } from "../../test/mock-backend";
import type { Progress } from "../bindings";

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
    // The preview's counts: one status message, read whole when a column's field changes them.
    const tiles = screen.getByRole("status", { name: "Aperçu" });
    expect(tiles).toHaveAttribute("aria-atomic", "true");
    expect(tiles).toHaveTextContent(/2\s*À créer/);

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
    // A row was rejected: the import stays on screen so that it can be saved and corrected.
    const result = screen.getByRole("region", { name: "Import terminé" });
    expect(result).toHaveTextContent("Import terminé : 2 candidats créés, 1 mis à jour, 1 ligne rejetée.");
    expect(result).toHaveTextContent("1 ligne a été rejetée : enregistrez-la pour la corriger, puis importez le classeur corrigé.");
    expect(ondone).not.toHaveBeenCalled();
    await user.click(within(result).getByRole("button", { name: "Voir les candidats" }));
    expect(ondone).toHaveBeenCalledOnce();
    expect(onnotice).not.toHaveBeenCalled();
  });

  it("saves the rejected rows of the file previewed, or of the file just imported, with the options used", async () => {
    const backend = mockBackend();
    const onimported = vi.fn();
    const onnotice = vi.fn();
    render(ImportWizard, { backend, ondone: vi.fn(), onimported, onnotice });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Choisir un fichier…" }));
    await user.selectOptions(await screen.findByLabelText("Champ de la colonne D (« Code »)"), "student_number");
    await user.click(screen.getByRole("tab", { name: "Rejetées (1)" }));
    const panel = screen.getByRole("tabpanel");
    expect(panel).toHaveTextContent("une colonne « Motif du rejet »");
    await user.click(within(panel).getByRole("button", { name: "Enregistrer les lignes rejetées…" }));
    const sent = (backend.importExportRejected as ReturnType<typeof vi.fn>).mock.calls[0]?.[0];
    expect(sent.mapping).toEqual(["last_name", "first_names", "birth_date", "student_number"]);
    expect(onnotice).toHaveBeenLastCalledWith(
      "Lignes rejetées enregistrées dans «\u00a0candidats-2026 - lignes rejetées.xlsx\u00a0»\u00a0: corrigez-les, puis importez ce classeur.",
    );

    await user.click(screen.getByRole("button", { name: "Importer (3 candidats)" }));
    expect(onimported).toHaveBeenCalledOnce();
    const result = screen.getByRole("region", { name: "Import terminé" });
    await user.click(within(result).getByRole("button", { name: "Enregistrer les lignes rejetées…" }));
    expect(backend.importExportRejected).toHaveBeenCalledTimes(2);
    expect((backend.importExportRejected as ReturnType<typeof vi.fn>).mock.calls[1]?.[0]).toEqual(sent);
  });

  it("says nothing when the dialog for the rejected rows is cancelled, and shows core's refusal", async () => {
    const importExportRejected = vi
      .fn()
      .mockResolvedValueOnce({ status: "ok", data: null })
      .mockResolvedValueOnce({
        status: "error",
        error: { code: "io", message: "« rejets.xlsx » n'a pas pu être écrit : permission refusée.", details: [] },
      });
    const backend = mockBackend({ importExportRejected });
    const onnotice = vi.fn();
    render(ImportWizard, { backend, ondone: vi.fn(), onnotice });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Choisir un fichier…" }));
    await user.click(await screen.findByRole("tab", { name: "Rejetées (1)" }));
    const save = screen.getByRole("button", { name: "Enregistrer les lignes rejetées…" });
    await user.click(save);
    expect(onnotice).not.toHaveBeenCalled();
    await user.click(save);
    expect(await screen.findByRole("alert")).toHaveTextContent("permission refusée");
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

  it("writes a national list's counts the French way, digits grouped", async () => {
    const counts = { rows: 100000, create: 98765, update: 1200, unchanged: 0, conflicts: 0, rejected_rows: 35, blank: 0 };
    const backend = mockBackend({
      importPreview: vi.fn(() => Promise.resolve({ status: "ok" as const, data: { ...preview, counts } })),
    });
    render(ImportWizard, { backend, ondone: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Choisir un fichier…" }));
    const tiles = await screen.findByRole("status", { name: "Aperçu" });
    expect(tiles).toHaveTextContent(/100 000\s*Lignes lues/);
    expect(tiles).toHaveTextContent(/98 765\s*À créer/);
    expect(tiles).toHaveTextContent(/1 200\s*À mettre à jour/);
    expect(tiles).toHaveTextContent(/35\s*Rejetées/);
    // Grouped with no-break spaces, as core's `fr::integer` writes them.
    expect(tiles.textContent).toContain("100\u00a0000");
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
    const dialog = screen.getByRole("dialog", { name: "Annuler cet import\u00a0?" });
    expect(backend.importUndo).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Annuler l'import" }));
    expect(backend.importUndo).toHaveBeenCalledWith(4);
    expect(onnotice).toHaveBeenCalledWith("Import annulé\u00a0: 2 candidats retirés.");
  });

  it("says a long read's start, its progress by quarters and its end in a region always on the page, the keyboard on « Annuler » then on the preview", async () => {
    const backend = mockBackend();
    let report: (p: Progress) => void = () => {};
    backend.events.onImportProgress = vi.fn((handler: (p: Progress) => void) => {
      report = handler;
      return Promise.resolve(() => {});
    });
    let finish: () => void = () => {};
    const answer = backend.importPreview;
    backend.importPreview = vi.fn((o) => new Promise((resolve) => (finish = () => resolve(answer(o) as never)))) as typeof backend.importPreview;
    const { container } = render(ImportWizard, { backend, ondone: vi.fn(), onnotice: vi.fn() });
    const said = container.querySelector('[role="status"]')!;
    expect(said.textContent).toBe("");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Choisir un fichier…" }));
    await waitFor(() => expect(said).toHaveTextContent("Lecture de « candidats-2026.xlsx »…"));
    // The button pressed gave way to the progress: the keyboard is on « Annuler ».
    expect(screen.getByRole("button", { name: "Annuler" })).toHaveFocus();
    report({ done: 100, total: 1000 });
    await waitFor(() => expect(said.textContent).toContain("100 lignes sur 1\u00a0000"));
    report({ done: 200, total: 1000 });
    expect(said.textContent).toContain("100 lignes sur 1\u00a0000");
    report({ done: 500, total: 1000 });
    await waitFor(() => expect(said.textContent).toContain("500 lignes sur 1\u00a0000"));
    finish();
    await waitFor(() => expect(said.textContent).toMatch(/^Lecture terminée\u00a0: \d+ lignes lues\. L'aperçu suit\.$/));
    await waitFor(() => expect(screen.getByRole("heading", { name: "Aperçu" })).toHaveFocus());
  });

  it("keeps the keyboard where the screen changes: the template's name field and back, and the file's choice after « Annuler »", async () => {
    const backend = mockBackend();
    render(ImportWizard, { backend, ondone: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Choisir un fichier…" }));
    await user.click(await screen.findByRole("button", { name: "Enregistrer cette correspondance…" }));
    await waitFor(() => expect(screen.getByLabelText("Nom de la correspondance")).toHaveFocus());
    await user.click(within(screen.getByLabelText("Nom de la correspondance").closest("form")!).getByRole("button", { name: "Annuler" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Enregistrer cette correspondance…" })).toHaveFocus());

    const cancel = screen.getAllByRole("button", { name: "Annuler" }).at(-1)!;
    await user.click(cancel);
    await waitFor(() => expect(screen.getByRole("button", { name: "Choisir un fichier…" })).toHaveFocus());
  });

  it("makes the preview's tabs one Tab stop moved with the arrows, and its panel a stop of its own", async () => {
    render(ImportWizard, { backend: mockBackend(), ondone: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Choisir un fichier…" }));
    const create = await screen.findByRole("tab", { name: "À créer (2)" });
    expect(screen.getAllByRole("tab").map((t) => t.getAttribute("tabindex"))).toEqual(["0", "-1", "-1", "-1"]);
    create.focus();
    await user.keyboard("{ArrowRight}");
    const update = screen.getByRole("tab", { name: /^Mises à jour/ });
    await waitFor(() => expect(update).toHaveFocus());
    expect(update).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{End}");
    await waitFor(() => expect(screen.getByRole("tab", { name: "Rejetées (1)" })).toHaveFocus());
    await user.keyboard("{ArrowRight}");
    await waitFor(() => expect(create).toHaveFocus());
    await user.tab();
    expect(screen.getByRole("tabpanel")).toHaveFocus();
  });
});
