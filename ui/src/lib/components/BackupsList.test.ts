import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import BackupsList from "./BackupsList.svelte";
import { mockBackend, summary } from "../../test/mock-backend";

describe("BackupsList", () => {
  it("lists backups and restores one after confirmation", async () => {
    const backend = mockBackend();
    const onrestored = vi.fn();
    render(BackupsList, { backend, onrestored });
    const user = userEvent.setup();
    expect(await screen.findByText("Avant un import")).toBeInTheDocument();
    await user.click(
      screen.getByRole("button", { name: "Restaurer la sauvegarde du dimanche 22 novembre 2026 à 18 h 02" }),
    );
    const dialog = screen.getByRole("dialog", { name: "Restaurer cette sauvegarde\u00a0?" });
    expect(dialog).toHaveTextContent("L'état actuel est d'abord sauvegardé");
    expect(backend.backupRestore).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Restaurer" }));
    expect(backend.backupRestore).toHaveBeenCalledWith("2026-11-22_18-02-11.482_avant-import.cesp");
    expect(onrestored).toHaveBeenCalledWith(summary, "dimanche 22 novembre 2026 à 18 h 02");
  });

  it("says when there is no backup yet", async () => {
    const backend = mockBackend({ backupsList: vi.fn(() => Promise.resolve({ status: "ok" as const, data: [] })) });
    render(BackupsList, { backend, onrestored: vi.fn() });
    expect(await screen.findByText(/Aucune sauvegarde pour l'instant/)).toBeInTheDocument();
  });
});
