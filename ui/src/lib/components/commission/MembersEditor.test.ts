import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import MembersEditor from "./MembersEditor.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { failing, memberScored, members } from "../../../test/mock-commission";

function setup(overrides = {}) {
  const backend = mockBackend(overrides);
  const onchanged = vi.fn();
  const onnotice = vi.fn();
  render(MembersEditor, { backend, members, onchanged, onnotice });
  return { backend, onchanged, onnotice, user: userEvent.setup() };
}

describe("MembersEditor", () => {
  it("lists the members with their role, vote and e-mail", () => {
    setup();
    const table = screen.getByRole("table", { name: "Membres de la commission" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(5);
    expect(rows[1]).toHaveTextContent("Pr Jean-Marc LEFEBVRE");
    expect(rows[1]).toHaveTextContent("Président(e) — directeur de l'UFR ou son représentant");
    expect(rows[1]).toHaveTextContent("jm.lefebvre@demo-jules-verne.fr");
    expect(rows[4]).toHaveTextContent("Mme Claire DUMONT");
    expect(rows[4]).toHaveTextContent("Secrétaire");
    expect(rows[4]).toHaveTextContent("Non (ne vote pas)");
    expect(screen.getByText("4 membres, dont 3 avec voix délibérative.")).toBeInTheDocument();
  });

  it("says what to do when the commission has no member", () => {
    render(MembersEditor, { backend: mockBackend(), members: [], onchanged: vi.fn(), onnotice: vi.fn() });
    expect(screen.getByText(/Aucun membre : ajoutez le président, le représentant de l'ARS/)).toBeInTheDocument();
  });

  it("adds a member with the typed values, from a dialog submitted with Enter", async () => {
    const { backend, onchanged, onnotice, user } = setup();
    await user.click(screen.getByRole("button", { name: "Ajouter un membre" }));
    const dialog = screen.getByRole("dialog", { name: "Ajouter un membre" });
    expect(within(dialog).getByLabelText(/^Nom/)).toHaveFocus();
    await user.type(within(dialog).getByLabelText(/^Nom/), "Dr Anne   ROUX");
    await user.selectOptions(within(dialog).getByLabelText("Rôle"), "Chirurgien-dentiste en exercice");
    await user.type(within(dialog).getByLabelText("Courriel"), "anne.roux@chu.fr{Enter}");
    expect(backend.memberAdd).toHaveBeenCalledWith({
      name: "Dr Anne   ROUX",
      role: "dentist",
      voting: true,
      email: "anne.roux@chu.fr",
    });
    expect(onnotice).toHaveBeenCalledWith("Membre ajouté\u00a0: Dr Anne ROUX.");
    expect(onchanged).toHaveBeenCalledOnce();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("proposes no vote for a secretary, and shows core's refusal next to the field", async () => {
    const error = {
      code: "validation",
      message: "2 points sont à corriger.",
      details: [
        { field: "voting", message: "Le ou la secrétaire ne vote pas : décochez « Voix délibérative »." },
        { field: "email", message: "« Courriel » : « claire@ » n'est pas une adresse valide ; corrigez-la ou laissez le champ vide." },
      ],
    };
    const { backend, onchanged, user } = setup({ memberAdd: failing(error) });
    await user.click(screen.getByRole("button", { name: "Ajouter un membre" }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText(/^Nom/), "Mme Claire DUMONT");
    const voting = within(dialog).getByRole("checkbox", { name: /Voix délibérative/ });
    expect(voting).toBeChecked();
    await user.selectOptions(within(dialog).getByLabelText("Rôle"), "secretary");
    expect(voting).not.toBeChecked();
    await user.click(voting);
    await user.type(within(dialog).getByLabelText("Courriel"), "claire@");
    await user.click(within(dialog).getByRole("button", { name: "Ajouter le membre" }));
    expect(backend.memberAdd).toHaveBeenCalledWith({ name: "Mme Claire DUMONT", role: "secretary", voting: true, email: "claire@" });
    const email = within(dialog).getByLabelText("Courriel");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription(expect.stringContaining("n'est pas une adresse valide"));
    expect(voting).toHaveAttribute("aria-invalid", "true");
    expect(voting).toHaveAccessibleDescription(expect.stringContaining("Le ou la secrétaire ne vote pas"));
    expect(voting).toHaveFocus();
    // Focused by the app after a click: its ring is drawn all the same (app.css,
    // [data-focus-moved]); the error itself is drawn without an outline (focus-ring.test.ts).
    expect(voting).toHaveAttribute("data-focus-moved");
    expect(onchanged).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });

  it("edits a member in place", async () => {
    const { backend, onnotice, user } = setup();
    await user.click(screen.getByRole("button", { name: "Modifier le membre Dr Karim BELKACEM" }));
    const dialog = screen.getByRole("dialog", { name: "Modifier le membre Dr Karim BELKACEM" });
    const email = within(dialog).getByLabelText("Courriel");
    await user.type(email, "k.belkacem@chu-amiens.fr");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));
    expect(backend.memberUpdate).toHaveBeenCalledWith(3, {
      name: "Dr Karim BELKACEM",
      role: "physician",
      voting: true,
      email: "k.belkacem@chu-amiens.fr",
    });
    expect(onnotice).toHaveBeenCalledWith("Membre modifié\u00a0: Dr Karim BELKACEM.");
  });

  it("asks before removing, and Escape keeps the member", async () => {
    const { backend, onchanged, onnotice, user } = setup();
    await user.click(screen.getByRole("button", { name: "Retirer Dr Karim BELKACEM de la commission" }));
    expect(screen.getByRole("dialog", { name: "Retirer ce membre\u00a0?" })).toHaveTextContent("Dr Karim BELKACEM sera retiré(e)");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.memberRemove).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Retirer Dr Karim BELKACEM de la commission" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Retirer" }));
    expect(backend.memberRemove).toHaveBeenCalledWith(3);
    expect(onnotice).toHaveBeenCalledWith("Dr Karim BELKACEM a été retiré(e) de la commission.");
    expect(onchanged).toHaveBeenCalledWith(members.slice(0, 3));
    expect(screen.getByRole("button", { name: "Ajouter un membre" })).toHaveFocus();
  });

  it("shows core's refusal to remove a member who scored", async () => {
    const { onchanged, user } = setup({ memberRemove: failing(memberScored) });
    await user.click(screen.getByRole("button", { name: "Retirer Pr Jean-Marc LEFEBVRE de la commission" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Retirer" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("un membre qui a noté ne peut pas être retiré");
    expect(onchanged).not.toHaveBeenCalled();
  });
});
