import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import AboutDialog from "./AboutDialog.svelte";
import { about, mockBackend, places } from "../../test/mock-backend";

function setup(overrides: Parameters<typeof mockBackend>[0] = {}) {
  const backend = mockBackend(overrides);
  const onclose = vi.fn();
  render(AboutDialog, { backend, onclose });
  return { backend, onclose, user: userEvent.setup() };
}

describe("AboutDialog", () => {
  it("shows the version, the build date, the places and the licences", async () => {
    setup();
    const dialog = await screen.findByRole("dialog", { name: "À propos de CESP\u00a0Commission" });
    expect(await within(dialog).findByText("Version 0.1.0")).toBeInTheDocument();
    expect(within(dialog).getByText("Construite le 2 décembre 2026")).toBeInTheDocument();
    for (const path of [places.campaigns, places.backups, places.settings])
      expect(within(dialog).getByText(path)).toBeInTheDocument();
    const licenses = within(dialog).getByRole("region", { name: "Licences" });
    expect(licenses.tagName).toBe("PRE");
    expect(licenses).toHaveAttribute("tabindex", "0");
    expect(licenses).toHaveAttribute("lang", "en");
    expect(licenses.textContent).toBe(about.licenses);
    expect(within(dialog).getByText(about.license_file!)).toBeInTheDocument();
    expect(dialog).toHaveTextContent("La liste complète des composants et de leurs licences se trouve dans le fichier");
  });

  it("says nothing of a licence file when there is none", async () => {
    setup({ about: vi.fn(() => Promise.resolve({ status: "ok" as const, data: { ...about, license_file: null } })) });
    await screen.findByText("Version 0.1.0");
    expect(screen.queryByText(/La liste complète des composants/)).toBeNull();
  });

  it("opens the backups folder, and says so when it cannot", async () => {
    const problem = { code: "io", message: "Le dossier des sauvegardes n'a pas pu être ouvert.", details: [] };
    const openBackupsFolder = vi
      .fn()
      .mockResolvedValueOnce({ status: "ok", data: null })
      .mockResolvedValueOnce({ status: "error", error: problem });
    const { user } = setup({ openBackupsFolder });
    const dialog = await screen.findByRole("dialog");
    const button = await within(dialog).findByRole("button", { name: "Ouvrir le dossier des sauvegardes" });
    await user.click(button);
    expect(openBackupsFolder).toHaveBeenCalledOnce();
    expect(within(dialog).queryByRole("alert")).toBeNull();
    await user.click(button);
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(problem.message);
  });

  it("opens at its top, and closes on Fermer and on Escape", async () => {
    const { onclose, user } = setup();
    expect(await screen.findByRole("button", { name: "Ouvrir le dossier des sauvegardes" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Fermer" }));
    expect(onclose).toHaveBeenCalledOnce();
    await user.keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledTimes(2);
  });

  it("shows why it could not say more", async () => {
    setup({
      about: vi.fn(() =>
        Promise.resolve({ status: "error" as const, error: { code: "io", message: "Lecture impossible.", details: [] } }),
      ),
    });
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Lecture impossible.");
  });

  it("lists every keyboard shortcut, each section's too", async () => {
    setup();
    const dialog = await screen.findByRole("dialog", { name: "À propos de CESP\u00a0Commission" });
    const table = await within(dialog).findByRole("table", { name: "Raccourcis clavier" });
    const rows = within(table).getAllByRole("row").slice(1).map((r) => r.textContent);
    expect(rows).toHaveLength(19);
    expect(rows).toContain("Ctrl+NNouvelle campagne");
    expect(rows).toContain("F1À propos (cette fenêtre)");
    expect(rows).toContain("Alt+1Section «\u00a0Tableau de bord\u00a0»");
    expect(rows).toContain("Alt+Maj+1Section «\u00a0Procès-verbal\u00a0»");
    expect(rows).toContain("Alt+Maj+5Section «\u00a0Sauvegardes\u00a0»");
  });
});
