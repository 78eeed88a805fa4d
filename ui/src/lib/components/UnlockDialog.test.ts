import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import UnlockDialog from "./UnlockDialog.svelte";
import { mockBackend, passphraseRequired, secret, summary } from "../../test/mock-backend";

function setup(overrides: Parameters<typeof mockBackend>[0] = {}) {
  const backend = mockBackend(overrides);
  const props = { backend, message: passphraseRequired.message, onopened: vi.fn(), oncancel: vi.fn(), onfail: vi.fn() };
  render(UnlockDialog, props);
  return { ...props, user: userEvent.setup() };
}

describe("UnlockDialog", () => {
  it("asks again after a wrong passphrase, with the message at the field, then opens", async () => {
    const { backend, onopened, onfail, user } = setup();
    const dialog = screen.getByRole("dialog", { name: "Campagne chiffrée" });
    expect(dialog).toHaveAccessibleDescription(passphraseRequired.message);
    const field = within(dialog).getByLabelText<HTMLInputElement>("Phrase de passe");
    expect(field).toHaveAttribute("type", "password");
    expect(field).toHaveAttribute("autocomplete", "off");
    expect(field).toHaveAttribute("spellcheck", "false");
    expect(field).toHaveFocus();
    expect(screen.queryByRole("alert")).toBeNull();

    await user.keyboard("cedre lumiere vingt falaises{Enter}");
    expect(backend.unlockCampaign).toHaveBeenLastCalledWith("cedre lumiere vingt falaises");
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("La phrase de passe ne permet pas d'ouvrir « Amiens 2026.cesp »");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field.getAttribute("aria-describedby")).toContain(alert.id);
    expect(field).toHaveAccessibleDescription(/ne permet pas d'ouvrir/);
    // The dialog stays, the field is focused and what was typed is selected, to be retyped.
    expect(field).toHaveFocus();
    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe("cedre lumiere vingt falaises".length);
    expect(onopened).not.toHaveBeenCalled();
    expect(onfail).not.toHaveBeenCalled();

    await user.keyboard(secret);
    expect(field).toHaveValue(secret);
    await user.click(within(dialog).getByRole("button", { name: "Ouvrir" }));
    expect(backend.unlockCampaign).toHaveBeenLastCalledWith(secret);
    expect(onopened).toHaveBeenCalledWith({ ...summary, encrypted: true });
  });

  it("shows what was typed on request", async () => {
    const { user } = setup();
    const field = screen.getByLabelText("Phrase de passe");
    await user.type(field, "bonjour");
    const toggle = screen.getByRole("button", { name: "Afficher la saisie «\u00a0Phrase de passe\u00a0»" });
    expect(toggle).toHaveAttribute("aria-pressed", "false");
    await user.click(toggle);
    expect(field).toHaveAttribute("type", "text");
    expect(toggle).toHaveAttribute("aria-pressed", "true");
    expect(toggle).toHaveTextContent("Masquer");
    expect(toggle).toHaveAccessibleName("Masquer la saisie «\u00a0Phrase de passe\u00a0»");
    expect(field).toHaveValue("bonjour");
    await user.click(toggle);
    expect(field).toHaveAttribute("type", "password");
  });

  it("does not send an empty passphrase (the shell would forget the file)", async () => {
    const { backend, user } = setup();
    await user.click(screen.getByRole("button", { name: "Ouvrir" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Saisissez la phrase de passe du fichier.");
    expect(backend.unlockCampaign).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Phrase de passe")).toHaveFocus();
  });

  it("closes on Annuler or Escape without opening anything", async () => {
    const { backend, oncancel, user } = setup();
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(oncancel).toHaveBeenCalledOnce();
    await user.keyboard("{Escape}");
    expect(oncancel).toHaveBeenCalledTimes(2);
    expect(backend.unlockCampaign).not.toHaveBeenCalled();
  });

  it("hands any other problem to the caller", async () => {
    const gone = { code: "not_found", message: "Le fichier « Amiens 2026.cesp » est introuvable.", details: [] };
    const { onfail, onopened, user } = setup({
      unlockCampaign: vi.fn(() => Promise.resolve({ status: "error" as const, error: gone })),
    });
    await user.keyboard(`${secret}{Enter}`);
    expect(onfail).toHaveBeenCalledWith(gone);
    expect(onopened).not.toHaveBeenCalled();
  });
});
