import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CandidateEditor from "./CandidateEditor.svelte";
import { candidate, fields, mockBackend } from "../../test/mock-backend";
import { catalogue } from "../fields.svelte";

describe("CandidateEditor", () => {
  it("saves only the fields that changed, through core", async () => {
    catalogue.fields = fields;
    const backend = mockBackend();
    const onsaved = vi.fn();
    render(CandidateEditor, { backend, candidate: candidate(7, "LEFÈVRE", "Zoé"), onsaved, onclose: vi.fn() });
    const user = userEvent.setup();
    const year = screen.getByLabelText("Année d'études");
    await user.clear(year);
    await user.type(year, "DFASM3");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(backend.candidateSetField).toHaveBeenCalledTimes(1);
    expect(backend.candidateSetField).toHaveBeenCalledWith(7, "study_year", "DFASM3");
    expect(onsaved).toHaveBeenCalledOnce();
  });

  it("asks before closing with unsaved edits, and Escape asks too", async () => {
    catalogue.fields = fields;
    const onclose = vi.fn();
    render(CandidateEditor, {
      backend: mockBackend(),
      candidate: candidate(7, "LEFÈVRE", "Zoé"),
      onsaved: vi.fn(),
      onclose,
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Notes"), "Dossier complet");
    await user.keyboard("{Escape}");
    const dialog = screen.getByRole("dialog", { name: "Abandonner les modifications de la fiche\u00a0?" });
    expect(onclose).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Abandonner" }));
    expect(onclose).toHaveBeenCalledOnce();
  });
});
