import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import RecusalsPanel from "./RecusalsPanel.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { candidateRow, candidates, failing, members, reasonMissing, recusals } from "../../../test/mock-commission";
import { people } from "../../../test/mock-names";
import type { Backend } from "../../backend";

function setup(overrides: Partial<Backend> = {}) {
  const backend = mockBackend(overrides);
  const onreload = vi.fn(() => Promise.resolve());
  const onnotice = vi.fn();
  render(RecusalsPanel, { backend, members, candidates, recusals, onreload, onnotice });
  return { backend, onreload, onnotice, user: userEvent.setup() };
}

describe("RecusalsPanel", () => {
  it("offers the candidates to choose from 200 at a time, and from the first 200 again with another search", async () => {
    const national = people(450).map((p, k) => candidateRow(1001 + k, p.last, p.first));
    render(RecusalsPanel, { backend: mockBackend(), members, candidates: national, recusals, onreload: vi.fn(() => Promise.resolve()), onnotice: vi.fn() });
    const user = userEvent.setup();
    const select = document.getElementById("recusal-candidate") as HTMLSelectElement;
    // « Choisir… », then the candidates.
    const offered = () => select.options.length - 1;
    const line = () => screen.queryByText(/ sur .* candidats affichés$/, { ignore: "script, style, [role=status]" })?.textContent;
    expect(offered()).toBe(200);
    expect(line()).toBe("200 sur 450 candidats affichés");
    expect(screen.getByText("Recherchez un nom pour trouver les autres candidats.")).toBeInTheDocument();
    const more = screen.getByText("Afficher les 200 candidats suivants", { selector: "button" });
    await user.click(more);
    expect(offered()).toBe(400);
    expect(more).toHaveFocus();
    const search = screen.getByLabelText("Rechercher le ou la candidat(e)");
    await user.type(search, "e");
    expect(offered()).toBe(200);
    await user.clear(search);
    expect(offered()).toBe(200);
    await user.click(more);
    await user.click(more);
    expect(offered()).toBe(450);
    expect(line()).toBeUndefined();
    // The keyboard on the list to choose from, still a Tab stop.
    expect(select).toHaveFocus();
    expect(select).not.toHaveAttribute("tabindex");
  });

  it("lists the recusals with member, candidate, reason and date", () => {
    setup();
    const row = within(screen.getByRole("table", { name: "Déports déclarés" })).getAllByRole("row")[1]!;
    expect(row).toHaveTextContent("Dr Karim BELKACEM");
    expect(row).toHaveTextContent("LEFÈVRE Zoé");
    expect(row).toHaveTextContent("Maître de stage de la candidate");
    expect(row).toHaveTextContent("14/01/2027 à 9 h");
  });

  it("requires a reason: core's message is shown at the field, then the recusal is recorded", async () => {
    const recusalAdd = vi
      .fn()
      .mockResolvedValueOnce({ status: "error", error: reasonMissing })
      .mockResolvedValueOnce({ status: "ok", data: 2 });
    const { backend, onreload, onnotice, user } = setup({ recusalAdd });
    await user.selectOptions(screen.getByLabelText(/^Membre/), "Pr Jean-Marc LEFEBVRE — Président(e) — directeur de l'UFR ou son représentant");
    // Search without accents: one candidate left, chosen.
    await user.type(screen.getByLabelText("Rechercher le ou la candidat(e)"), "dupont");
    expect(screen.getByText("1 candidat correspond.")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Candidat\(e\)/)).toHaveValue("1");
    await user.click(screen.getByRole("button", { name: "Déclarer le déport…" }));
    let dialog = await screen.findByRole("dialog", { name: "Déclarer ce déport\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Déclarer le déport" }));
    expect(recusalAdd).toHaveBeenCalledWith(1, 1, "");
    const reason = screen.getByLabelText(/^Motif/);
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveAccessibleDescription(expect.stringContaining("« Motif » est obligatoire"));
    expect(reason).toHaveFocus();
    expect(onnotice).not.toHaveBeenCalled();

    await user.type(reason, "Lien familial{Enter}");
    dialog = await screen.findByRole("dialog", { name: "Déclarer ce déport\u00a0?" });
    // The confirmation warns that the scores given will be withdrawn, and how many: core
    // counts them.
    expect(backend.recusalScores).toHaveBeenLastCalledWith(1, 1);
    expect(dialog).toHaveTextContent("Les notes que ce membre a déjà données à ce candidat seront retirées");
    expect(dialog).toHaveTextContent("Pr Jean-Marc LEFEBVRE a déjà donné 2 notes à ce candidat : elles seront retirées.");
    expect(recusalAdd).toHaveBeenCalledTimes(1);
    await user.click(within(dialog).getByRole("button", { name: "Déclarer le déport" }));
    expect(recusalAdd).toHaveBeenLastCalledWith(1, 1, "Lien familial");
    expect(onnotice).toHaveBeenCalledWith("Déport enregistré\u00a0; 2 notes retirées (conservées au journal).");
    expect(onreload).toHaveBeenCalledOnce();
    expect(screen.getByLabelText(/^Motif/)).toHaveValue("");
  });

  it("asks which member and which candidate before anything is sent", async () => {
    const { backend, user } = setup();
    await user.type(screen.getByLabelText(/^Motif/), "Directeur de thèse");
    await user.click(screen.getByRole("button", { name: "Déclarer le déport…" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.recusalAdd).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Membre/)).toHaveAccessibleDescription("Choisissez le membre qui se déporte.");
    expect(screen.getByLabelText(/^Candidat\(e\)/)).toHaveAccessibleDescription("Choisissez le ou la candidat(e) concerné(e).");
  });

  it("cancelling the confirmation records nothing", async () => {
    const { backend, user } = setup();
    await user.selectOptions(screen.getByLabelText(/^Membre/), "2");
    await user.selectOptions(screen.getByLabelText(/^Candidat\(e\)/), "3");
    await user.type(screen.getByLabelText(/^Motif/), "Maître de stage{Enter}");
    const dialog = screen.getByRole("dialog");
    expect(dialog).toHaveTextContent("Dr Sophie MARCHAND n'a encore donné aucune note à ce candidat.");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.recusalAdd).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Motif/)).toHaveValue("Maître de stage");
  });

  it("asks before lifting a recusal", async () => {
    const { backend, onnotice, user } = setup();
    await user.click(screen.getByRole("button", { name: "Lever le déport de Dr Karim BELKACEM pour LEFÈVRE Zoé" }));
    const dialog = screen.getByRole("dialog", { name: "Lever ce déport\u00a0?" });
    expect(backend.recusalRemove).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Lever le déport" }));
    expect(backend.recusalRemove).toHaveBeenCalledWith(3, 2);
    expect(onnotice).toHaveBeenCalledWith("Déport levé\u00a0: Dr Karim BELKACEM peut de nouveau se prononcer sur LEFÈVRE Zoé.");
    expect(screen.getByText("Aucun déport déclaré.")).toBeInTheDocument();
  });

  it("shows core's refusal for a candidate whose scores are validated", async () => {
    const message = "Les notes de LEFÈVRE Zoé sont validées : déverrouillez-les d'abord.";
    const { user } = setup({ recusalRemove: failing({ code: "locked", message, details: [] }) });
    await user.click(screen.getByRole("button", { name: /Lever le déport de Dr Karim BELKACEM/ }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Lever le déport" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
  });
});
