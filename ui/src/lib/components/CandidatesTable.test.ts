import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CandidatesTable from "./CandidatesTable.svelte";
import { candidate, fields, mockBackend } from "../../test/mock-backend";
import { catalogue } from "../fields.svelte";

function many(n: number) {
  return Array.from({ length: n }, (_, i) =>
    candidate(i + 1, `NOM${String(i).padStart(5, "0")}`, "Prénom", {
      category: i % 3 === 0 ? "intern" : "student",
    }),
  );
}

const headers = () =>
  screen.getAllByRole("button", { name: /^Trier par / }).map((b) => b.getAttribute("aria-label")?.replace("Trier par ", ""));

describe("CandidatesTable", () => {
  beforeEach(() => localStorage.clear());

  it("draws only a window of rows out of 10 000", async () => {
    render(CandidatesTable, {
      backend: mockBackend(),
      candidates: many(10_000),
      deadline: "2026-12-01",
      onimport: vi.fn(),
      onnotice: vi.fn(),
    });
    expect(screen.getByText("10 000 candidats")).toBeInTheDocument();
    const rows = screen.getAllByRole("row");
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByRole("table")).toHaveAttribute("aria-rowcount", "10001");
  });

  it("tells homonyms apart by their date of birth, and only them", () => {
    const candidates = [
      candidate(1, "MARTIN", "Lucas", { birth_date: "1998-11-13" }),
      candidate(2, "MARTIN", "Lucas", { birth_date: "1999-08-23" }),
      candidate(3, "MARTIN", "Léa"),
    ];
    candidates[0]!.birth_date_display = "13/11/1998";
    candidates[1]!.birth_date_display = "23/08/1999";
    render(CandidatesTable, { backend: mockBackend(), candidates, deadline: "2026-12-01", onimport: vi.fn(), onnotice: vi.fn() });
    expect(screen.getByRole("button", { name: "Ouvrir la fiche de MARTIN Lucas (13/11/1998)" })).toHaveTextContent("MARTIN Lucas13/11/1998");
    expect(screen.getByRole("button", { name: "Ouvrir la fiche de MARTIN Lucas (23/08/1999)" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ouvrir la fiche de MARTIN Léa" })).toHaveTextContent(/^MARTIN Léa$/);
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
    // How many are shown: a status message (RGAA 7.5), the keyboard staying in the search.
    expect(screen.getByText("1 sur 3 candidats")).toHaveAttribute("role", "status");
    await user.clear(screen.getByLabelText("Rechercher un candidat"));
    await user.selectOptions(screen.getByLabelText("Catégorie"), "intern");
    expect(names()).toEqual(["MARTIN Hugo"]);
  });

  it("finds a name however its hyphens and apostrophes are typed, its words in any order", async () => {
    const candidates = [
      candidate(1, "N'DIAYE", "Awa"),
      candidate(2, "DUPONT-MOREAU", "Jean-Baptiste"),
      candidate(3, "O’BRIEN", "Siobhán"),
      candidate(4, "DUPONT", "Jeanne"),
    ];
    render(CandidatesTable, { backend: mockBackend(), candidates, deadline: "", onimport: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    const search = screen.getByLabelText("Rechercher un candidat");
    const names = () =>
      screen.getAllByRole("button", { name: /^Ouvrir la fiche de / }).map((b) => b.textContent?.trim());
    for (const [typed, found] of [
      ["ndiaye", ["N'DIAYE Awa"]],
      ["n'diaye awa", ["N'DIAYE Awa"]],
      ["jean baptiste", ["DUPONT-MOREAU Jean-Baptiste"]],
      ["moreau dupont", ["DUPONT-MOREAU Jean-Baptiste"]],
      ["o'brien", ["O’BRIEN Siobhán"]],
      ["obrien siobhan", ["O’BRIEN Siobhán"]],
      ["dupont jean", ["DUPONT Jeanne", "DUPONT-MOREAU Jean-Baptiste"]],
    ] as const) {
      await user.clear(search);
      await user.type(search, typed);
      expect(names(), typed).toEqual(found);
    }
  });

  it("deletes after confirmation and offers to undo", async () => {
    const both = [candidate(1, "LEFÈVRE", "Zoé"), candidate(2, "MARTIN", "Hugo")];
    const backend = mockBackend({ candidates: vi.fn(() => Promise.resolve({ status: "ok" as const, data: both })) });
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
    const dialog = screen.getByRole("dialog", { name: "Supprimer ce candidat\u00a0?" });
    expect(within(dialog).getByText("MARTIN Hugo")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Supprimer" }));
    expect(backend.candidatesDelete).toHaveBeenCalledWith([2]);
    expect(screen.getByText("1 candidat")).toBeInTheDocument();
    // The button pressed is gone with the row: the keyboard is on the way back.
    const undo = screen.getByRole("button", { name: "Annuler la suppression" });
    await waitFor(() => expect(undo).toHaveFocus());
    await user.click(undo);
    expect(backend.candidatesRestore).toHaveBeenCalledOnce();
    expect(onnotice).toHaveBeenLastCalledWith("1 candidat restauré.");
    await waitFor(() => expect(screen.getByLabelText("Rechercher un candidat")).toHaveFocus());
  });

  it("puts the keyboard back on the row's name once a cell is saved with Enter or undone with Escape", async () => {
    const backend = mockBackend({ candidateSetField: vi.fn(() => Promise.resolve({ status: "ok" as const, data: candidate(1, "LEFÈVRE", "Zoé") })) });
    render(CandidatesTable, { backend, candidates: [candidate(1, "LEFÈVRE", "Zoé")], deadline: "", onimport: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    const name = screen.getByRole("button", { name: /LEFÈVRE Zoé/ });
    await user.dblClick(screen.getByText("DFASM2"));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("textbox", { name: /LEFÈVRE Zoé/ })).toBeNull();
    await waitFor(() => expect(name).toHaveFocus());
    await user.dblClick(screen.getByText("DFASM2"));
    await user.keyboard("DFASM3{Enter}");
    expect(backend.candidateSetField).toHaveBeenCalledWith(1, "study_year", "DFASM3");
    expect(screen.queryByRole("textbox", { name: /LEFÈVRE Zoé/ })).toBeNull();
    await waitFor(() => expect(name).toHaveFocus());
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
    await user.click(screen.getByRole("button", { name: "Colonnes" }));
    await user.click(screen.getByRole("checkbox", { name: "Courriel" }));
    await user.dblClick(screen.getByText("zoé@etu.fr"));
    const input = screen.getByLabelText("Courriel — LEFÈVRE Zoé");
    await user.clear(input);
    await user.type(input, "zoe@{Enter}");
    expect(backend.candidateSetField).toHaveBeenCalledWith(1, "email", "zoe@");
    expect(screen.getByRole("alert")).toHaveTextContent("adresse électronique invalide");
  });

  it("shows the columns that fit the window, and the ones chosen in « Colonnes », remembered", async () => {
    const props = { backend: mockBackend(), candidates: [candidate(1, "LEFÈVRE", "Zoé")], deadline: "", onimport: vi.fn(), onnotice: vi.fn() };
    const { unmount } = render(CandidatesTable, props);
    const user = userEvent.setup();
    expect(headers()).toEqual(["Nom et prénoms", "Catégorie", "Année d'études", "Spécialité envisagée", "Dossier reçu le"]);
    expect(screen.queryByText("zoé@etu.fr")).toBeNull();

    const button = screen.getByRole("button", { name: "Colonnes" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    await user.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    const menu = screen.getByRole("group", { name: "Colonnes affichées" });
    // The name is always shown.
    expect(within(menu).getByRole("checkbox", { name: "Nom et prénoms" })).toBeDisabled();
    expect(within(menu).getByRole("checkbox", { name: "Nom et prénoms" })).toBeChecked();
    await user.click(within(menu).getByRole("checkbox", { name: "Courriel" }));
    await user.click(within(menu).getByRole("checkbox", { name: "Année d'études" }));
    expect(headers()).toEqual(["Nom et prénoms", "Catégorie", "Spécialité envisagée", "Courriel", "Dossier reçu le"]);
    expect(screen.getByText("zoé@etu.fr")).toBeInTheDocument();
    expect(screen.getAllByRole("columnheader")).toHaveLength(6);
    // Échap closes the menu and gives the keyboard back to its button.
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("group", { name: "Colonnes affichées" })).toBeNull();
    expect(button).toHaveFocus();

    // Remembered on this machine: the next time the table opens, the same columns.
    unmount();
    render(CandidatesTable, props);
    expect(headers()).toEqual(["Nom et prénoms", "Catégorie", "Spécialité envisagée", "Courriel", "Dossier reçu le"]);
    await user.click(screen.getByRole("button", { name: "Colonnes" }));
    await user.click(screen.getByRole("button", { name: "Colonnes par défaut" }));
    expect(headers()).toEqual(["Nom et prénoms", "Catégorie", "Année d'études", "Spécialité envisagée", "Dossier reçu le"]);
    // A click elsewhere closes the menu.
    await user.click(screen.getByRole("heading", { name: "Candidats" }));
    expect(screen.queryByRole("group", { name: "Colonnes affichées" })).toBeNull();
  });

  it("ignores a saved choice it cannot read", () => {
    localStorage.setItem("cesp.candidates.columns", "{pas du json");
    render(CandidatesTable, { backend: mockBackend(), candidates: [candidate(1, "LEFÈVRE", "Zoé")], deadline: "", onimport: vi.fn(), onnotice: vi.fn() });
    expect(headers()).toEqual(["Nom et prénoms", "Catégorie", "Année d'études", "Spécialité envisagée", "Dossier reçu le"]);
  });

  it("gives the keyboard back to the name a record was opened from, as Escape closes it", async () => {
    catalogue.fields = fields;
    const props = { backend: mockBackend(), candidates: [candidate(1, "LEFÈVRE", "Zoé"), candidate(2, "MARTIN", "Paul")], deadline: "", onimport: vi.fn(), onnotice: vi.fn() };
    render(CandidatesTable, props);
    const user = userEvent.setup();
    const name = screen.getByRole("button", { name: /MARTIN Paul/ });
    await user.click(name);
    const record = screen.getByRole("complementary", { name: /MARTIN Paul/ });
    expect(within(record).getByLabelText(/^Nom \(/)).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("complementary")).toBeNull();
    expect(screen.getByRole("button", { name: /MARTIN Paul/ })).toHaveFocus();
    expect(document.activeElement).not.toBe(document.body);
  });

  it("gives the keyboard back to « Ajouter un candidat » as Escape closes the new record, and after it is created", async () => {
    catalogue.fields = fields;
    const backend = mockBackend();
    render(CandidatesTable, { backend, candidates: [candidate(1, "LEFÈVRE", "Zoé")], deadline: "", onimport: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    const add = screen.getByRole("button", { name: "Ajouter un candidat" });
    await user.click(add);
    expect(screen.getByRole("complementary", { name: "Nouveau candidat" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("complementary")).toBeNull();
    expect(add).toHaveFocus();

    await user.click(add);
    await user.type(screen.getByLabelText(/^Nom \(/), "NOUVEAU{Enter}");
    expect(backend.candidateAdd).toHaveBeenCalledOnce();
    expect(screen.queryByRole("complementary")).toBeNull();
    expect(screen.getByRole("button", { name: /NOUVEAU Candidat/ })).toBeInTheDocument();
    expect(add).toHaveFocus();
  });

  it("puts the keyboard on the next control once a message is dismissed, not on the page's body", async () => {
    const backend = mockBackend({
      candidatesExport: vi.fn(() => Promise.resolve({ status: "error" as const, error: { code: "io", message: "Le dossier choisi est protégé en écriture.", details: [] } })),
    });
    render(CandidatesTable, { backend, candidates: [candidate(1, "LEFÈVRE", "Zoé")], deadline: "", onimport: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Exporter (xlsx)" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("protégé en écriture");
    await user.click(within(alert).getByRole("button"));
    expect(screen.queryByRole("alert")).toBeNull();
    await waitFor(() => expect(screen.getByLabelText("Rechercher un candidat")).toHaveFocus());
  });
});
