import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CampaignShell from "./CampaignShell.svelte";
import { mockBackend, secret, summary } from "../../test/mock-backend";

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
});
