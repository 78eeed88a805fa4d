import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import JournalList from "./JournalList.svelte";
import { mockBackend } from "../../test/mock-backend";
import { journalPage, nationalJournal, scoreRow } from "../../test/mock-journal";
import type { Backend } from "../backend";
import type { JournalFilter } from "../bindings";

function setup(overrides: Partial<Backend> = {}, props: { undoable?: number[]; onundo?: (b: number) => void } = {}) {
  const backend = mockBackend(overrides);
  const onnotice = vi.fn();
  render(JournalList, { backend, onnotice, ...props });
  return { backend, onnotice, user: userEvent.setup() };
}

const entries = () => screen.getAllByRole("listitem");
/** The entries drawn (without the accessibility tree: hundreds are slow to read that way). */
const drawn = () => [...document.querySelectorAll("ol.journal > li")];
/** The line under a long journal (not the status region saying it again). */
const line = () => screen.queryByText(/ sur .* entrées affichées$/, { ignore: "script, style, [role=status]" })?.textContent;

describe("JournalList", () => {
  it("shows who changed what, with values before and after, and the kind of each action", async () => {
    const { backend } = setup();
    expect(await screen.findByRole("status")).toHaveTextContent("3 entrées.");
    expect(backend.journalSearch).toHaveBeenCalledWith({ from: "", to: "", person: null, kind: null, limit: 200 });
    const table = within(entries()[1]!).getByRole("table");
    expect(within(table).getByText("Contingent Étudiants — odontologie")).toBeInTheDocument();
    expect(within(table).getByText("0")).toBeInTheDocument();
    expect(within(table).getByText("3")).toBeInTheDocument();
    expect(screen.getAllByText("Claire Dumont, secrétaire", { selector: ".who" })).toHaveLength(2);
    expect(entries()[2]).toHaveTextContent("Notation");
    expect(within(entries()[2]!).getByText("(vide)")).toBeInTheDocument();
  });

  it("offers the people and kinds core found, and filters by them in core", async () => {
    const { backend, user } = setup();
    await screen.findByRole("status");
    const person = screen.getByLabelText("Personne");
    expect(within(person).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Toutes",
      "Claire Dumont, secrétaire",
      "M. Thomas Leroy",
    ]);
    const kind = screen.getByLabelText("Type d'action");
    expect(within(kind).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Tous",
      "Campagne (1)",
      "Imports (1)",
      "Notation (1)",
    ]);
    await user.selectOptions(kind, "Notation (1)");
    expect(backend.journalSearch).toHaveBeenLastCalledWith({ from: "", to: "", person: null, kind: "scoring", limit: 200 });
    expect(await screen.findByText("1 entrée sur 3 — Notation.")).toBeInTheDocument();
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toHaveTextContent("M. Thomas Leroy");

    await user.selectOptions(person, "Claire Dumont, secrétaire");
    expect(backend.journalSearch).toHaveBeenLastCalledWith({
      from: "",
      to: "",
      person: "Claire Dumont, secrétaire",
      kind: "scoring",
      limit: 200,
    });
    expect(await screen.findByText("Aucune entrée ne correspond à ce filtre.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Effacer les filtres" }));
    expect(await screen.findByText("3 entrées.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Effacer les filtres" })).toBeNull();
  });

  it("sends the days as typed once confirmed, and shows core's refusal at the field", async () => {
    const refusal = {
      status: "error" as const,
      error: {
        code: "validation",
        message: "« Du » : « 32/11/2026 » n'est pas une date ; écrivez-la JJ/MM/AAAA.",
        details: [{ field: "from", message: "« Du » : « 32/11/2026 » n'est pas une date ; écrivez-la JJ/MM/AAAA." }],
      },
    };
    const journalSearch = vi
      .fn()
      .mockResolvedValueOnce({ status: "ok", data: journalPage })
      .mockResolvedValueOnce(refusal)
      .mockResolvedValue({ status: "ok", data: { ...journalPage, description: "du 01/11/2026 au 30/11/2026" } });
    const { user } = setup({ journalSearch });
    await screen.findByRole("status");
    const from = screen.getByLabelText("Du");
    await user.type(from, "32/11/2026");
    expect(journalSearch).toHaveBeenCalledTimes(1);
    await user.keyboard("{Enter}");
    expect(journalSearch).toHaveBeenLastCalledWith({ from: "32/11/2026", to: "", person: null, kind: null, limit: 200 });
    expect(from).toHaveAttribute("aria-invalid", "true");
    expect(from).toHaveAccessibleDescription("« Du » : « 32/11/2026 » n'est pas une date ; écrivez-la JJ/MM/AAAA.");
    await user.clear(from);
    await user.type(from, "01/11/2026");
    await user.type(screen.getByLabelText("Au"), "30/11/2026");
    await user.tab();
    expect(journalSearch).toHaveBeenLastCalledWith({ from: "01/11/2026", to: "30/11/2026", person: null, kind: null, limit: 200 });
    expect(await screen.findByText("3 entrées — du 01/11/2026 au 30/11/2026.")).toBeInTheDocument();
    expect(from).not.toHaveAttribute("aria-invalid");
  });

  it("exports the journal as filtered, every row of it, where the dialog says", async () => {
    const { backend, onnotice, user } = setup();
    await screen.findByRole("status");
    await user.selectOptions(screen.getByLabelText("Type d'action"), "Imports (1)");
    await user.click(screen.getByRole("button", { name: "Exporter…" }));
    expect(backend.journalExport).toHaveBeenCalledWith({ from: "", to: "", person: null, kind: "import", limit: null });
    expect(onnotice).toHaveBeenCalledWith("Journal exporté dans «\u00a0Journal — UFR de médecine.xlsx\u00a0».");
  });

  it("says nothing when the export dialog is cancelled", async () => {
    const { backend, onnotice, user } = setup({ journalExport: vi.fn(() => Promise.resolve({ status: "ok" as const, data: null })) });
    await screen.findByRole("status");
    await user.click(screen.getByRole("button", { name: "Exporter…" }));
    expect(backend.journalExport).toHaveBeenCalledOnce();
    expect(onnotice).not.toHaveBeenCalled();
  });

  it("reads the entries from core a page ahead of those shown, and shows them 200 at a time", async () => {
    const all = nationalJournal(650, 0);
    const journalSearch = vi.fn((f: { limit: number | null }) =>
      Promise.resolve({ status: "ok" as const, data: { ...journalPage, rows: all.slice(0, f.limit ?? undefined), matching: 650, total: 650 } }),
    );
    const limits = () => journalSearch.mock.calls.map(([f]) => f.limit);
    const { user } = setup({ journalSearch });
    const more = await screen.findByText("Afficher les 200 entrées suivantes", { selector: "button" });
    // 200 entries read, and all shown: those of the next two pages were read too.
    expect(limits()).toEqual([200, 600]);
    expect(drawn()).toHaveLength(200);
    expect(line()).toBe("200 sur 650 entrées affichées");
    expect(screen.getByText("Pour tout avoir, affinez le filtre ou exportez le journal.")).toBeInTheDocument();
    await user.click(more);
    expect(drawn()).toHaveLength(400);
    expect(line()).toBe("400 sur 650 entrées affichées");
    expect(more).toHaveFocus();
    expect(more).toHaveTextContent("Afficher les 200 entrées suivantes");
    await vi.waitFor(() => expect(limits()).toEqual([200, 600, 800]));
    await user.click(more);
    expect(drawn()).toHaveLength(600);
    expect(more).toHaveFocus();
    expect(more).toHaveTextContent("Afficher les 50 dernières entrées");
    await user.click(more);
    expect(drawn()).toHaveLength(650);
    expect(line()).toBeUndefined();
    expect(screen.getByText("Les 650 entrées sont toutes affichées.")).toHaveAttribute("role", "status");
    // No control in the 601st entry: the keyboard on the entry itself.
    expect(drawn()[600]).toHaveFocus();
    expect(limits()).toEqual([200, 600, 800]);
  });

  it("counts an entry's changes against the page, and comes back to the first page with another filter", async () => {
    const journalSearch = vi.fn((f: JournalFilter) =>
      Promise.resolve({
        status: "ok" as const,
        data: { ...journalPage, rows: nationalJournal(450, 50).slice(0, f.limit ?? undefined), matching: 450, total: 450 },
      }),
    );
    const { user } = setup({ journalSearch });
    // Each entry takes 52 rows (itself, its table's header and 50 changes): 3 in a page.
    await user.click(await screen.findByText("Afficher les 3 entrées suivantes", { selector: "button" }));
    expect(drawn()).toHaveLength(6);
    expect(line()).toBe("6 sur 450 entrées affichées");
    expect(document.querySelectorAll("tbody tr")).toHaveLength(300);
    await user.selectOptions(screen.getByLabelText("Type d'action"), "Notation (1)");
    await vi.waitFor(() => expect(journalSearch).toHaveBeenLastCalledWith(expect.objectContaining({ kind: "scoring", limit: 200 })));
    await vi.waitFor(() => expect(drawn()).toHaveLength(3));
    expect(line()).toBe("3 sur 450 entrées affichées");
  });

  it("offers to undo the latest import, after confirmation", async () => {
    const onundo = vi.fn();
    const { user } = setup({}, { undoable: [3], onundo });
    await user.click(await screen.findByRole("button", { name: "Annuler cet import" }));
    expect(onundo).not.toHaveBeenCalled();
    const dialog = screen.getByRole("dialog", { name: "Annuler cet import\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Annuler l'import" }));
    expect(onundo).toHaveBeenCalledWith(3);
  });

  it("does not offer to undo an import that can no longer be undone", async () => {
    setup({}, { undoable: [], onundo: vi.fn() });
    await screen.findByRole("status");
    expect(screen.queryByRole("button", { name: "Annuler cet import" })).toBeNull();
  });

  it("says when the journal is empty", async () => {
    setup({
      journalSearch: vi.fn(() =>
        Promise.resolve({ status: "ok" as const, data: { ...journalPage, rows: [], matching: 0, total: 0, persons: [], kinds: [] } }),
      ),
    });
    expect(await screen.findByText("Le journal est vide.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Exporter…" })).toBeDisabled();
  });
  it("lists a batch's first changes and says how many more the export holds", async () => {
    const batch = {
      ...scoreRow,
      id: 10,
      action: "scores.batch",
      summary: "Notes de la séance du jeudi 14 janvier 2027 saisies.",
      changes: [
        { field: "MARTIN Adrien — Projet", before: "", after: "3,5" },
        { field: "MARTIN Adrien — Entretien", before: "", after: "12" },
      ],
      more_changes: 1934,
    };
    const journalSearch = vi.fn().mockResolvedValue({ status: "ok", data: { ...journalPage, rows: [batch, ...journalPage.rows], matching: 4, total: 4 } });
    setup({ journalSearch });
    expect(await screen.findByText("Et 1 934 autres modifications : exportez le journal pour les voir toutes.")).toBeInTheDocument();
    expect(screen.getByRole("rowheader", { name: "MARTIN Adrien — Entretien" })).toBeInTheDocument();
    // The rows with all their changes say nothing more.
    expect(screen.getAllByText(/autres? modifications? : exportez/)).toHaveLength(1);
  });
});
