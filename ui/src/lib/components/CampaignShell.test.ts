import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CampaignShell from "./CampaignShell.svelte";
import { candidate, mockBackend, secret, summary } from "../../test/mock-backend";

describe("CampaignShell", () => {
  it("says when the campaign is open to read only, and not otherwise", async () => {
    const { unmount } = render(CampaignShell, { backend: mockBackend(), summary: { ...summary, read_only: true }, onclose: vi.fn(), onnotice: vi.fn() });
    expect(await screen.findByText("Lecture seule.")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("aucune modification ne sera enregistrée");
    unmount();
    render(CampaignShell, { backend: mockBackend(), summary, onclose: vi.fn(), onnotice: vi.fn() });
    expect(screen.queryByText("Lecture seule.")).toBeNull();
  });

  it("marks an encrypted campaign in its header, in words for screen readers too", () => {
    const { unmount } = render(CampaignShell, { backend: mockBackend(), summary: { ...summary, encrypted: true }, onclose: vi.fn(), onnotice: vi.fn() });
    const badge = screen.getByText("Chiffré");
    expect(badge).toHaveTextContent("Chiffré : le fichier de la campagne est protégé par une phrase de passe");
    unmount();
    render(CampaignShell, { backend: mockBackend(), summary, onclose: vi.fn(), onnotice: vi.fn() });
    expect(screen.queryByText("Chiffré")).toBeNull();
  });

  it("encrypts the file from its settings, then says so", async () => {
    const onnotice = vi.fn();
    render(CampaignShell, { backend: mockBackend(), summary, onclose: vi.fn(), onnotice });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Paramètres" }));
    const panel = screen.getByRole("region", { name: "Chiffrement du fichier" });
    await user.click(within(panel).getByRole("button", { name: "Chiffrer le fichier…" }));
    const dialog = screen.getByRole("dialog", { name: "Chiffrer le fichier" });
    await user.type(within(dialog).getByLabelText("Phrase de passe"), secret);
    await user.type(within(dialog).getByLabelText("Confirmez la phrase de passe"), secret);
    await user.click(within(dialog).getByRole("button", { name: "Chiffrer le fichier" }));
    expect(onnotice).toHaveBeenCalledWith("Fichier chiffré.");
    expect(screen.getByText("Chiffré")).toBeInTheDocument();
    expect(within(panel).getByText(/Ce fichier est chiffré/)).toHaveFocus();
    expect(within(panel).getByRole("button", { name: "Changer la phrase de passe…" })).toBeEnabled();
  });

  it("gives every section a shortcut, shown on its button: Alt+1 to Alt+0, then Alt+Maj+1 to Alt+Maj+5", async () => {
    render(CampaignShell, { backend: mockBackend(), summary, onclose: vi.fn(), onnotice: vi.fn() });
    const nav = screen.getByRole("navigation", { name: "Sections de la campagne" });
    const keys = within(nav).getAllByRole("button").map((b) => [b.textContent!.trim(), b.getAttribute("title"), b.getAttribute("aria-keyshortcuts")]);
    expect(keys).toHaveLength(15);
    expect(keys[0]).toEqual(["Tableau de bord", "Alt+1", "Alt+1"]);
    expect(keys[9]).toEqual(["Attribution", "Alt+0", "Alt+0"]);
    expect(keys.slice(10)).toEqual([
      ["Procès-verbal", "Alt+Maj+1", "Alt+Shift+1"],
      ["Paramètres", "Alt+Maj+2", "Alt+Shift+2"],
      ["Journal", "Alt+Maj+3", "Alt+Shift+3"],
      ["Courriels", "Alt+Maj+4", "Alt+Shift+4"],
      ["Sauvegardes", "Alt+Maj+5", "Alt+Shift+5"],
    ]);

    const press = (code: string, key: string, shiftKey = false) => fireEvent.keyDown(window, { code, key, altKey: true, shiftKey });
    const current = () => within(nav).getByRole("button", { current: "page" });
    await press("Digit1", "!", true);
    expect(current()).toHaveTextContent("Procès-verbal");
    await press("Digit2", "@", true);
    expect(current()).toHaveTextContent("Paramètres");
    await press("Digit3", "#", true);
    expect(current()).toHaveTextContent("Journal");
    await press("Digit5", "%", true);
    expect(current()).toHaveTextContent("Sauvegardes");
    // A French keyboard: the key « 1 » gives « & » unshifted, and is still Alt+1.
    await press("Digit1", "&");
    expect(current()).toHaveTextContent("Tableau de bord");
    await press("Digit0", "à");
    expect(current()).toHaveTextContent("Attribution");
  });

  it("opens with skip links as its first stops, and its scrolling pane can take the keyboard, named", async () => {
    render(CampaignShell, { backend: mockBackend(), summary, onclose: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    await user.tab();
    const skip = screen.getByRole("link", { name: "Aller au contenu" });
    expect(skip).toHaveFocus();
    // The dashboard has nothing to focus in it: the pane itself is a stop (axe:
    // scrollable-region-focusable), named after the section.
    const main = screen.getByRole("main", { name: "Tableau de bord" });
    expect(main).toHaveAttribute("tabindex", "0");
    await user.keyboard("{Enter}");
    expect(main).toHaveFocus();
  });

  it("offers a skip link to the score grid in « Notation », which puts the keyboard on its first cell", async () => {
    const backend = mockBackend({ candidates: vi.fn(() => Promise.resolve({ status: "ok" as const, data: [candidate(1, "DUPONT-MOREAU", "Marie-Ève")] })) });
    render(CampaignShell, { backend, summary, onclose: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    expect(screen.queryByRole("link", { name: "Aller à la grille de notation" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Notation" }));
    const skip = await screen.findByRole("link", { name: "Aller à la grille de notation" });
    (document.activeElement as HTMLElement).blur();
    await user.tab();
    expect(screen.getByRole("link", { name: "Aller au contenu" })).toHaveFocus();
    await user.tab();
    expect(skip).toHaveFocus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(document.activeElement).toHaveClass("cell"));
    expect(document.activeElement).toHaveAccessibleName(/note de Pr Jean-Marc LEFEBVRE pour DUPONT-MOREAU Marie-Ève$/);
    // Not in the projector's view, which has no grid.
    await user.click(screen.getByRole("radio", { name: "Séance (projecteur)" }));
    await waitFor(() => expect(screen.queryByRole("link", { name: "Aller à la grille de notation" })).toBeNull());
  });
});
