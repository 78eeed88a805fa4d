import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import AllocationPanel from "./AllocationPanel.svelte";
import { mainListMoves, splitError, today } from "./compare";
import { mockBackend, summary } from "../../../test/mock-backend";
import { allocation, nationalAllocation, runs } from "../../../test/mock-allocation";
import type { Allocation, AppError } from "../../bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

/** The lists after COLIN Théo withdrew: BENOÎT Noémie enters the main list. */
const afterWithdrawal: Allocation = {
  ...allocation,
  groups: allocation.groups.map((g, i) =>
    i === 0
      ? {
          ...g,
          main: [g.main[1]!, { ...g.complementary[0]!, outcome: "main", position: 2, reason: "retenu — rang 3 sur 4, étudiants — médecine" }],
          complementary: [g.complementary[1]!],
          not_retained: [...g.not_retained, { ...g.main[0]!, outcome: "withdrawn", position: null, reason: "désistement le 20/01/2027" }],
        }
      : g,
  ),
};

/** A simulation with one more contract for students in medicine. */
const simulated: Allocation = {
  ...allocation,
  groups: allocation.groups.map((g, i) =>
    i === 0 ? { ...g, quota: 3, main: [...g.main, { ...g.complementary[0]!, outcome: "main", position: 3 }], complementary: [g.complementary[1]!] } : g,
  ),
};

function setup(overrides = {}) {
  const backend = mockBackend(overrides);
  const onnotice = vi.fn();
  render(AllocationPanel, { backend, onnotice, summary });
  return { backend, onnotice, user: userEvent.setup() };
}

describe("AllocationPanel", () => {
  it("shows the rules sentence, each list with core's reasons, the ties and the unused contracts", async () => {
    setup();
    expect(await screen.findByText(/Conditions pour être classé : dossier recevable/)).toBeInTheDocument();
    const main = screen.getByRole("table", { name: /Étudiants — médecine — liste principale/ });
    expect(within(main).getByText("COLIN Théo")).toBeInTheDocument();
    expect(within(main).getByText("retenu — rang 1 sur 4, étudiants — médecine")).toBeInTheDocument();
    const complementary = screen.getByRole("table", { name: "Étudiants — médecine — liste complémentaire" });
    expect(within(complementary).getByText("liste complémentaire n° 1")).toBeInTheDocument();
    const out = screen.getByRole("table", { name: /Étudiants — médecine — non retenus/ });
    expect(within(out).getByText("non retenu : dossier non recevable")).toBeInTheDocument();
    const ties = screen.getByRole("table", { name: "Internes — médecine — égalités à départager" });
    expect(within(ties).getAllByText("À départager par un vote")).toHaveLength(2);
    expect(screen.getByText(/Des égalités doivent être départagées par un vote avant d'arrêter les listes/)).toBeInTheDocument();
    expect(screen.getByText("Contrats non attribués, toutes catégories : 1.")).toBeInTheDocument();
    expect(screen.getByText("séance du 15 janvier")).toBeInTheDocument();
  });

  it("shows the empty state without candidates", async () => {
    const backend = mockBackend();
    render(AllocationPanel, { backend, onnotice: vi.fn(), summary: { ...summary, candidate_count: 0 } });
    expect(screen.getByText(/Aucun candidat : importez un fichier/)).toBeInTheDocument();
    expect(backend.allocation).not.toHaveBeenCalled();
  });

  it("requires a reason to settle a tie, then sends the order chosen", async () => {
    const refusal: AppError = {
      code: "validation",
      message: "Indiquez le motif du vote (par exemple : vote à main levée, 5 voix contre 2).",
      details: [{ field: "reason", message: "Indiquez le motif du vote (par exemple : vote à main levée, 5 voix contre 2)." }],
    };
    const allocationTieVote = vi.fn((_order: number[], reason: string) => (reason.trim() === "" ? fail(refusal) : ok(allocation)));
    const { backend, onnotice, user } = setup({ allocationTieVote });
    await user.click(await screen.findByRole("button", { name: "Départager par un vote les ex aequo — Internes — médecine" }));
    const dialog = screen.getByRole("dialog", { name: "Départager par un vote — Internes — médecine" });
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le vote" }));
    const reason = within(dialog).getByLabelText(/Motif et résultat du vote/);
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getByText(/Indiquez le motif du vote/, { selector: ".field-error" })).toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Monter LECLERC Océane" }));
    await user.type(reason, "vote à main levée, 5 voix contre 2");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le vote" }));
    expect(backend.allocationTieVote).toHaveBeenLastCalledWith([22, 21], "vote à main levée, 5 voix contre 2");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(onnotice).toHaveBeenCalledWith(expect.stringContaining("Vote enregistré"));
  });

  it("records a withdrawal with its date and reason and says who enters the main list", async () => {
    const { backend, onnotice, user } = setup({ allocationWithdraw: vi.fn(() => ok(afterWithdrawal)) });
    await user.click(await screen.findByRole("button", { name: "Désistement de COLIN Théo…" }));
    const dialog = screen.getByRole("dialog", { name: "Désistement de COLIN Théo" });
    const date = within(dialog).getByLabelText(/Date du désistement/);
    expect(date).toHaveValue(today());
    await user.clear(date);
    await user.type(date, "20/01/2027");
    await user.click(within(dialog).getByLabelText("Contrat non retourné dans les 30 jours"));
    await user.type(within(dialog).getByLabelText(/Motif/), "courrier du 18 janvier");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le désistement" }));
    expect(backend.allocationWithdraw).toHaveBeenCalledWith(11, "20/01/2027", true, "courrier du 18 janvier");
    expect(onnotice).toHaveBeenCalledWith("Désistement de COLIN Théo enregistré. Entre sur la liste principale\u00a0: BENOÎT Noémie.");
    expect(within(screen.getByRole("table", { name: /Étudiants — médecine — non retenus/ })).getByText("désistement le 20/01/2027")).toBeInTheDocument();
  });

  it("sends the commission's decision, or a return to the ranking", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Décision de la commission pour MARTIN Adrien…" }));
    const dialog = screen.getByRole("dialog", { name: "Décision de la commission — MARTIN Adrien" });
    expect(within(dialog).getByLabelText("Liste complémentaire")).toBeChecked();
    await user.click(within(dialog).getByLabelText(/Revenir au classement/));
    await user.type(within(dialog).getByLabelText(/Motif/), "erreur de saisie");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer la décision" }));
    expect(backend.allocationOverride).toHaveBeenCalledWith(14, null, "erreur de saisie");
  });

  it("opens the commission's decision on its choice, with the focus ring drawn, and comes back to its button", async () => {
    // MARTIN Adrien put on the main list: his row, and its buttons, are drawn in another table.
    const moved: Allocation = {
      ...allocation,
      groups: allocation.groups.map((g) => {
        const martin = g.complementary.find((d) => d.candidate_id === 14);
        return martin
          ? { ...g, main: [...g.main, { ...martin, outcome: "main", position: g.main.length + 1 }], complementary: g.complementary.filter((d) => d !== martin) }
          : g;
      }),
    };
    const { user } = setup({ allocationOverride: vi.fn(() => ok(moved)) });
    await user.click(await screen.findByRole("button", { name: "Décision de la commission pour MARTIN Adrien…" }));
    const dialog = screen.getByRole("dialog", { name: "Décision de la commission — MARTIN Adrien" });
    const choice = within(dialog).getByLabelText("Liste complémentaire");
    expect(choice).toHaveFocus();
    // The mark app.css draws the ring for: WebKit draws no :focus-visible for a focus
    // moved by script after a click.
    expect(choice).toHaveAttribute("data-focus-moved");
    await user.keyboard("{Escape}");
    const button = screen.getByRole("button", { name: "Décision de la commission pour MARTIN Adrien…" });
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute("data-focus-moved");

    // Saved: the lists are drawn afresh, and the keyboard is on the same candidate's button.
    await user.click(button);
    const again = screen.getByRole("dialog", { name: "Décision de la commission — MARTIN Adrien" });
    await user.type(within(again).getByLabelText(/Motif/), "erreur de saisie");
    await user.click(within(again).getByRole("button", { name: "Enregistrer la décision" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(screen.getByRole("button", { name: "Décision de la commission pour MARTIN Adrien…" })).toHaveFocus());
  });

  it("draws each list 200 candidates at a time, its own, shows the row of a decision wherever it lands, and starts again for a simulation", async () => {
    // 120 contracts, 330 on the complementary list, 250 not retained.
    const national = nationalAllocation(120, 330, 250);
    const [group] = national.groups;
    const joly = group!.not_retained[10]!;
    // The commission puts a candidate not retained at the end of the complementary list.
    const decided: Allocation = {
      ...national,
      groups: [
        {
          ...group!,
          complementary: [...group!.complementary, { ...joly, outcome: "complementary", position: 331, reason: "liste complémentaire n° 331" }],
          not_retained: group!.not_retained.filter((x) => x !== joly),
        },
      ],
    };
    const { user } = setup({
      allocation: vi.fn((q) => ok(q === null ? national : nationalAllocation(120, 330, 250))),
      allocationOverride: vi.fn(() => ok(decided)),
    });
    // Rows counted and buttons found without the accessibility tree's roles: hundreds of
    // rows are slow to read that way.
    const drawn = (caption: string) => screen.getByText(caption, { selector: "caption" }).closest("table")!.querySelectorAll("tbody tr").length;
    const lists = () => [
      drawn("Étudiants — médecine — liste principale (120 sur 120 contrats)"),
      drawn("Étudiants — médecine — liste complémentaire"),
      drawn("Étudiants — médecine — non retenus et désistements"),
    ];
    const lines = () => screen.queryAllByText(/ sur .* candidats affichés$/, { ignore: "script, style, [role=status]" }).map((p) => p.textContent);
    await screen.findByText("Étudiants — médecine — liste complémentaire", { selector: "caption" });
    expect(lists()).toEqual([120, 200, 200]);
    expect(lines()).toEqual(["200 sur 330 candidats affichés", "200 sur 250 candidats affichés"]);
    await user.click(screen.getByText("Afficher les 130 derniers candidats", { selector: "button" }));
    expect(lists()).toEqual([120, 330, 200]);
    expect(lines()).toEqual(["200 sur 250 candidats affichés"]);

    // A decision on the 11th not retained, who lands 331st on the complementary list: drawn,
    // and the keyboard back on their button.
    const opener = document.getElementById(`override-${joly.candidate_id}`)!;
    await user.click(opener);
    const dialog = document.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog).toHaveAccessibleName(`Décision de la commission — ${joly.display_name}`);
    await user.click(within(dialog).getByLabelText("Liste complémentaire"));
    await user.type(within(dialog).getByLabelText(/Motif/), "dossier complété en séance");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer la décision" }));
    await waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect(lists()).toEqual([120, 331, 200]);
    await waitFor(() => expect(document.getElementById(`override-${joly.candidate_id}`)).toHaveFocus());
    expect(lines()).toEqual(["200 sur 249 candidats affichés"]);

    // A simulation: its lists from their first page.
    await user.click(screen.getByText("Simuler", { selector: "button" }));
    await screen.findByText("Simulation — rien n'est enregistré");
    expect(lists()).toEqual([120, 200, 200]);
  });

  it("simulates other quotas, says who moves, and goes back to the campaign's quotas", async () => {
    const only = { ...summary, counts: summary.counts.map((c) => (c.category === "padhue" ? { ...c, candidates: 0, quota: 0 } : c)), settings: { ...summary.settings, quotas: { ...summary.settings.quotas, padhue: { medicine: 0, odontology: 0 } } } };
    const backend = mockBackend({ allocation: vi.fn((q) => ok(q === null ? allocation : simulated)) });
    render(AllocationPanel, { backend, onnotice: vi.fn(), summary: only });
    const user = userEvent.setup();
    const field = await screen.findByLabelText("Contingent simulé Étudiants, médecine");
    expect(field).toHaveValue("10");
    expect(screen.queryByLabelText(/Contingent simulé PADHUE/)).not.toBeInTheDocument();
    await user.clear(field);
    await user.type(field, "3");
    await user.click(screen.getByRole("button", { name: "Simuler" }));
    expect(backend.allocation).toHaveBeenLastCalledWith({
      quotas: {
        student: { medicine: "3", odontology: "2" },
        intern: { medicine: "8", odontology: "1" },
        padhue: { medicine: "0", odontology: "0" },
      },
      min_total: "",
    });
    expect(await screen.findByText("Simulation — rien n'est enregistré")).toBeInTheDocument();
    expect(screen.getByText("Entrent sur la liste principale : BENOÎT Noémie")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Désistement de/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Arrêter les listes…" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Revenir aux contingents de la campagne" }));
    expect(screen.queryByText("Simulation — rien n'est enregistré")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Arrêter les listes…" })).toBeInTheDocument();
  });

  it("sends a quota as typed and shows core's refusal at the field", async () => {
    // Core's message (crates/core/src/forms.rs).
    const message = "« Contingent simulé Internes, médecine » : « deux » n'est pas un nombre entier ; saisissez un nombre entier positif ou 0.";
    const refusal: AppError = { code: "validation", message, details: [{ field: "quotas.intern.medicine", message }] };
    const { backend, user } = setup({ allocation: vi.fn((s) => (s === null ? ok(allocation) : fail(refusal))) });
    const field = await screen.findByLabelText("Contingent simulé Internes, médecine");
    await user.clear(field);
    await user.type(field, "deux");
    await user.click(screen.getByRole("button", { name: "Simuler" }));
    expect(vi.mocked(backend.allocation).mock.lastCall![0]!.quotas.intern.medicine).toBe("deux");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("saisissez un nombre entier positif ou 0.");
    expect(field).toHaveAccessibleDescription(message);
    expect(field).toHaveFocus();
  });

  it("simulates another threshold and shows core's refusal at the threshold field", async () => {
    const refusal: AppError = {
      code: "validation",
      message: "« Seuil » : « douze » n'est pas un total possible ; écrivez par exemple 20 ou 20,5, ou laissez vide.",
      details: [{ field: "min_total", message: "« Seuil » : « douze » n'est pas un total possible ; écrivez par exemple 20 ou 20,5, ou laissez vide." }],
    };
    const backend = mockBackend({ allocation: vi.fn((s) => (s === null ? ok(allocation) : s.min_total === "douze" ? fail(refusal) : ok(simulated))) });
    render(AllocationPanel, { backend, onnotice: vi.fn(), summary });
    const user = userEvent.setup();
    const field = await screen.findByLabelText("Seuil simulé (total minimum)");
    await user.type(field, "douze");
    await user.click(screen.getByRole("button", { name: "Simuler" }));
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveFocus();
    expect(screen.getByText(/« douze » n'est pas un total possible/, { selector: ".field-error" })).toBeInTheDocument();
    expect(screen.queryByText("Simulation — rien n'est enregistré")).not.toBeInTheDocument();
    await user.clear(field);
    await user.type(field, "12,5");
    await user.click(screen.getByRole("button", { name: "Simuler" }));
    expect(backend.allocation).toHaveBeenLastCalledWith(expect.objectContaining({ min_total: "12,5" }));
    expect(await screen.findByText("Simulation — rien n'est enregistré")).toBeInTheDocument();
  });

  it("shows what the commission should know before deciding", async () => {
    setup();
    const box = await screen.findByRole("status", { name: "À savoir avant de décider" });
    expect(box).toHaveTextContent("l'ARS n'ouvre que 1 place par spécialité");
  });

  it("edits the places by specialty and shows core's message on the faulty row", async () => {
    const refusal: AppError = {
      code: "validation",
      message: "Une ligne est à corriger.",
      details: [{ field: "places.1", message: "Ligne 2 (Psychiatrie) : « Places » vaut 0 ; il faut au moins 1 place, sinon retirez la ligne." }],
    };
    const allocationSpecialtiesSet = vi.fn().mockReturnValueOnce(fail(refusal)).mockReturnValue(ok(allocation));
    const { backend, onnotice, user } = setup({ allocationSpecialtiesSet });
    expect(await screen.findByTestId("specialties-statement")).toHaveTextContent("Internes — médecine : Médecine générale — 1 place");
    await user.click(screen.getByRole("button", { name: "Modifier les places par spécialité…" }));
    expect(screen.getByLabelText("Spécialité de la ligne 1")).toHaveValue("Médecine générale");
    await user.click(screen.getByRole("button", { name: "Ajouter une spécialité" }));
    const name = screen.getByLabelText("Spécialité de la ligne 2");
    expect(name).toHaveFocus();
    await user.type(name, "Psychiatrie");
    const places = screen.getByLabelText("Places de la ligne 2");
    await user.clear(places);
    await user.type(places, "0");
    await user.click(screen.getByRole("button", { name: "Enregistrer les places" }));
    expect(backend.allocationSpecialtiesSet).toHaveBeenLastCalledWith([
      { category: "intern", discipline: "medicine", specialty: "Médecine générale", places: "1" },
      { category: "intern", discipline: "medicine", specialty: "Psychiatrie", places: "0" },
    ]);
    expect(places).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/Ligne 2 \(Psychiatrie\) : « Places » vaut 0/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retirer la ligne 2 (Psychiatrie)" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer les places" }));
    expect(backend.allocationSpecialtiesSet).toHaveBeenLastCalledWith([{ category: "intern", discipline: "medicine", specialty: "Médecine générale", places: "1" }]);
    expect(onnotice).toHaveBeenCalledWith("Places par spécialité enregistrées\u00a0; les listes ont été recalculées.");
  });

  it("sends the places as typed, never as 0, and shows core's refusal at the field", async () => {
    // Core's messages for what it cannot read (crates/core/src/forms.rs).
    const messages: Record<string, string> = {
      "3,x": "Ligne 2 : « Places » : « 3,x » n'est pas un nombre entier ; écrivez un nombre de places, par exemple 2.",
      "-1": "Ligne 2 (Psychiatrie) : « Places » vaut -1 ; il faut au moins 1 place, sinon retirez la ligne.",
      "": "Ligne 2 : « Places » est vide ; écrivez le nombre de places ouvertes (au moins 1) ou retirez la ligne.",
    };
    const allocationSpecialtiesSet = vi.fn((rows: { places: string }[]) => {
      const message = messages[rows[1]!.places]!;
      return fail({ code: "validation", message, details: [{ field: "places.1", message }] });
    });
    const { backend, user } = setup({ allocationSpecialtiesSet });
    await user.click(await screen.findByRole("button", { name: "Modifier les places par spécialité…" }));
    await user.click(screen.getByRole("button", { name: "Ajouter une spécialité" }));
    await user.type(screen.getByLabelText("Spécialité de la ligne 2"), "Psychiatrie");
    const places = screen.getByLabelText("Places de la ligne 2");
    for (const typed of ["3,x", "-1", ""]) {
      await user.clear(places);
      if (typed !== "") await user.type(places, typed);
      await user.click(screen.getByRole("button", { name: "Enregistrer les places" }));
      expect(backend.allocationSpecialtiesSet).toHaveBeenLastCalledWith([
        { category: "intern", discipline: "medicine", specialty: "Médecine générale", places: "1" },
        { category: "intern", discipline: "medicine", specialty: "Psychiatrie", places: typed },
      ]);
      expect(places).toHaveAttribute("aria-invalid", "true");
      expect(places).toHaveAccessibleDescription(messages[typed]);
      expect(places).toHaveFocus();
    }
  });

  it("saves the rules as edited and shows core's message at the field", async () => {
    const allocationRulesSet = vi.fn(() =>
      fail({ code: "validation", message: "Total minimum : « dix » n'est pas un nombre.", details: [{ field: "min_total", message: "Total minimum : « dix » n'est pas un nombre." }] }),
    );
    const { backend, user } = setup({ allocationRulesSet });
    await user.click(await screen.findByRole("button", { name: "Modifier les règles…" }));
    const min = screen.getByLabelText("Total minimum pour être retenu");
    await user.type(min, "dix");
    await user.click(screen.getByLabelText("Accord écrit de l'ARS reçu"));
    await user.click(screen.getByRole("button", { name: "Monter «\u00a0Note du projet professionnel\u00a0» dans l'ordre de départage" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer les règles" }));
    expect(backend.allocationRulesSet).toHaveBeenCalledWith({
      min_total: "dix",
      require_eligible: true,
      require_heard: true,
      require_ars: true,
      complementary_size: "",
      tie_chain: ["project", "interview", "academic"],
    });
    expect(min).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText("Total minimum : « dix » n'est pas un nombre.", { selector: ".field-error" })).toBeInTheDocument();
  });

  it("asks before recording the lists, then shows the history", async () => {
    const newer = [...runs, { id: 2, at_display: "22/01/2027 à 18 h", operator: "Claire Dumont", reason: "séance du 22 janvier" }];
    const { backend, onnotice, user } = setup({ allocationRecord: vi.fn(() => ok(newer)) });
    await user.click(await screen.findByRole("button", { name: "Arrêter les listes…" }));
    expect(backend.allocationRecord).not.toHaveBeenCalled();
    const dialog = screen.getByRole("dialog", { name: "Arrêter les listes\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(backend.allocationRecord).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Arrêter les listes…" }));
    const again = screen.getByRole("dialog", { name: "Arrêter les listes\u00a0?" });
    await user.type(within(again).getByLabelText(/Motif/), "séance du 22 janvier");
    await user.click(within(again).getByRole("button", { name: "Arrêter les listes" }));
    expect(backend.allocationRecord).toHaveBeenCalledWith("séance du 22 janvier");
    expect(onnotice).toHaveBeenCalledWith("Listes arrêtées et enregistrées dans l'historique.");
    expect(await screen.findByText("Claire Dumont")).toBeInTheDocument();
  });
});

describe("compare helpers", () => {
  it("lists who enters and leaves each main list", () => {
    expect(mainListMoves(allocation, afterWithdrawal)).toEqual([{ label: "Étudiants — médecine", entering: ["BENOÎT Noémie"], leaving: ["COLIN Théo"] }]);
    expect(mainListMoves(allocation, allocation)).toEqual([]);
  });

  it("keeps field messages at their fields and the rest for ErrorMessage", () => {
    const e: AppError = { code: "validation", message: "Deux points", details: [{ field: "reason", message: "Motif ?" }, { field: "x", message: "Autre" }] };
    const s = splitError(e, ["reason"]);
    expect(s.at).toEqual({ reason: "Motif ?" });
    expect(s.rest?.details).toEqual([{ field: "x", message: "Autre" }]);
    expect(splitError({ ...e, details: [{ field: "reason", message: "Motif ?" }] }, ["reason"]).rest).toBeNull();
    expect(today(new Date(2027, 0, 5))).toBe("05/01/2027");
  });
});
