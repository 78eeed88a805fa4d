import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import EncryptionPanel from "./EncryptionPanel.svelte";
import { mockBackend, secret, summary } from "../../test/mock-backend";

const encrypted = { ...summary, encrypted: true };

describe("EncryptionPanel", () => {
  it("encrypts a plain file with a passphrase typed twice", async () => {
    const backend = mockBackend();
    const onchanged = vi.fn();
    render(EncryptionPanel, { backend, summary, onchanged });
    const user = userEvent.setup();
    expect(screen.getByText(/Ce fichier n'est pas chiffré/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Retirer le chiffrement/ })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Chiffrer le fichier…" }));
    const dialog = screen.getByRole("dialog", { name: "Chiffrer le fichier" });
    // No current passphrase to give for a plain file.
    expect(within(dialog).queryByLabelText("Phrase de passe actuelle")).toBeNull();
    const field = within(dialog).getByLabelText("Phrase de passe");
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription(/12 caractères au moins/);

    await user.keyboard("trop court");
    await user.type(within(dialog).getByLabelText("Confirmez la phrase de passe"), "trop court");
    await user.click(within(dialog).getByRole("button", { name: "Chiffrer le fichier" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("au moins 12 caractères");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveFocus();
    expect(onchanged).not.toHaveBeenCalled();

    await user.keyboard(secret);
    const confirmation = within(dialog).getByLabelText("Confirmez la phrase de passe");
    await user.clear(confirmation);
    await user.type(confirmation, secret);
    await user.click(within(dialog).getByRole("button", { name: "Chiffrer le fichier" }));
    expect(backend.setPassphrase).toHaveBeenLastCalledWith(null, secret, secret);
    expect(onchanged).toHaveBeenCalledWith(encrypted, "Fichier chiffré.");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("changes the passphrase: a wrong current one is shown at its field", async () => {
    const backend = mockBackend();
    const onchanged = vi.fn();
    render(EncryptionPanel, { backend, summary: encrypted, onchanged });
    const user = userEvent.setup();
    expect(screen.getByText(/Ce fichier est chiffré/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Chiffrer le fichier…" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Changer la phrase de passe…" }));
    const dialog = screen.getByRole("dialog", { name: "Changer la phrase de passe" });
    const current = within(dialog).getByLabelText("Phrase de passe actuelle");
    const next = "quatre chemins sous la neige";
    await user.type(current, "pas la bonne du tout");
    await user.type(within(dialog).getByLabelText("Nouvelle phrase de passe"), next);
    await user.type(within(dialog).getByLabelText("Confirmez la nouvelle phrase de passe"), next);
    await user.click(within(dialog).getByRole("button", { name: "Changer la phrase de passe" }));
    expect(backend.setPassphrase).toHaveBeenLastCalledWith("pas la bonne du tout", next, next);

    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("La phrase de passe actuelle saisie n'est pas la bonne");
    expect(current).toHaveAttribute("aria-invalid", "true");
    expect(current).toHaveAccessibleDescription(/n'est pas la bonne/);
    expect(current).toHaveFocus();
    expect(within(dialog).getByLabelText("Nouvelle phrase de passe")).not.toHaveAttribute("aria-invalid");
    expect(onchanged).not.toHaveBeenCalled();

    await user.keyboard(`${secret}{Enter}`);
    expect(backend.setPassphrase).toHaveBeenLastCalledWith(secret, next, next);
    expect(onchanged).toHaveBeenCalledWith(encrypted, "Phrase de passe changée.");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("removes the encryption after saying what it means", async () => {
    const backend = mockBackend();
    const onchanged = vi.fn();
    render(EncryptionPanel, { backend, summary: encrypted, onchanged });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Retirer le chiffrement…" }));
    const dialog = screen.getByRole("dialog", { name: "Retirer le chiffrement\u00a0?" });
    expect(dialog).toHaveAccessibleDescription("Le fichier et ses sauvegardes redeviendront lisibles sans phrase de passe.");
    expect(within(dialog).queryByLabelText("Nouvelle phrase de passe")).toBeNull();
    const confirm = within(dialog).getByRole("button", { name: "Retirer le chiffrement" });
    expect(confirm).toHaveClass("danger");

    await user.type(within(dialog).getByLabelText("Phrase de passe actuelle"), secret);
    await user.click(confirm);
    expect(backend.removePassphrase).toHaveBeenCalledWith(secret);
    expect(onchanged).toHaveBeenCalledWith({ ...summary, encrypted: false }, "Chiffrement retiré.");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("forgets what was typed when the dialog is cancelled", async () => {
    const backend = mockBackend();
    render(EncryptionPanel, { backend, summary: encrypted, onchanged: vi.fn() });
    const user = userEvent.setup();
    const open = screen.getByRole("button", { name: "Retirer le chiffrement…" });
    await user.click(open);
    await user.keyboard("quelque chose");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(open).toHaveFocus();
    await user.click(open);
    expect(screen.getByLabelText("Phrase de passe actuelle")).toHaveValue("");
    expect(backend.removePassphrase).not.toHaveBeenCalled();
  });

  it("cannot change a file open to read only, and says why", () => {
    render(EncryptionPanel, { backend: mockBackend(), summary: { ...encrypted, read_only: true }, onchanged: vi.fn() });
    const change = screen.getByRole("button", { name: "Changer la phrase de passe…" });
    expect(change).toBeDisabled();
    expect(screen.getByRole("button", { name: "Retirer le chiffrement…" })).toBeDisabled();
    expect(change).toHaveAccessibleDescription(/lecture seule/);
  });
});
