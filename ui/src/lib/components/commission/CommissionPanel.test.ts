import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CommissionPanel from "./CommissionPanel.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { commissionReads, rulesStatement } from "../../../test/mock-commission";

describe("CommissionPanel", () => {
  it("shows the members, the rules, the sittings with their quorum and the recusals", async () => {
    const backend = mockBackend(commissionReads());
    render(CommissionPanel, { backend, onnotice: vi.fn() });
    expect(screen.getByRole("heading", { level: 1, name: "Commission" })).toBeInTheDocument();
    const members = await screen.findByRole("table", { name: "Membres de la commission" });
    expect(within(members).getByRole("row", { name: /Dr Sophie MARCHAND/ })).toHaveTextContent("Représentant(e) de l'ARS");
    expect(await screen.findByText(rulesStatement)).toBeInTheDocument();
    // Two status messages: the sitting's quorum, and the recusals' search count (empty).
    const [quorum, matches] = screen.getAllByRole("status") as [HTMLElement, HTMLElement];
    expect(quorum).toHaveTextContent("Quorum atteint");
    expect(matches).toHaveAttribute("id", "recusal-matches");
    expect(matches.textContent).toBe("");
    expect(await screen.findByRole("table", { name: "Déports déclarés" })).toHaveTextContent("Maître de stage de la candidate");
    expect(screen.getByLabelText(/^Candidat\(e\)/)).toHaveTextContent("NGUYEN Thành — Interne — médecine");
    for (const name of ["Membres", "Règles de délibération", "Séances et présences", "Déports"]) {
      expect(screen.getByRole("heading", { level: 2, name })).toBeInTheDocument();
    }
  });

  it("reads the sittings and recusals again when a member leaves, since they name the members", async () => {
    const backend = mockBackend(commissionReads());
    const onnotice = vi.fn();
    render(CommissionPanel, { backend, onnotice });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Retirer Mme Claire DUMONT de la commission" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Retirer" }));
    expect(backend.memberRemove).toHaveBeenCalledWith(4);
    expect(onnotice).toHaveBeenCalledWith("Mme Claire DUMONT a été retiré(e) de la commission.");
    expect(screen.queryByRole("row", { name: /Mme Claire DUMONT/ })).not.toBeInTheDocument();
    expect(backend.sittings).toHaveBeenCalledTimes(2);
    expect(backend.recusals).toHaveBeenCalledTimes(2);
    expect(backend.scoreBoard).not.toHaveBeenCalled();
  });

  it("takes the keyboard to a part of the page from its link", async () => {
    render(CommissionPanel, { backend: mockBackend(commissionReads()), onnotice: vi.fn() });
    const user = userEvent.setup();
    await screen.findByRole("table", { name: "Membres de la commission" });
    await user.click(screen.getByRole("link", { name: "Déports" }));
    expect(screen.getByRole("heading", { level: 2, name: "Déports" })).toHaveFocus();
  });

  it("says what to do when the commission is empty", async () => {
    render(CommissionPanel, { backend: mockBackend(), onnotice: vi.fn() });
    expect(await screen.findByText(/Aucun membre : ajoutez le président/)).toBeInTheDocument();
    expect(screen.getByText(/Ajoutez d'abord les membres de la commission pour saisir les présences/)).toBeInTheDocument();
  });
});
