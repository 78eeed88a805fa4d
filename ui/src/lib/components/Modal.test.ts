import { describe, expect, it, vi } from "vitest";
import { createRawSnippet } from "svelte";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import Modal from "./Modal.svelte";

const children = createRawSnippet(() => ({
  render: () => `<div><label>Motif <input id="essai-motif" /></label><button type="button">Enregistrer</button></div>`,
}));

describe("Modal", () => {
  it("keeps Shift+Tab in the dialog as WebKitGTK names it (« Unidentified », the Tab key)", async () => {
    render(Modal, { title: "Essai", onclose: vi.fn(), children });
    const first = screen.getByLabelText("Motif");
    const last = screen.getByRole("button", { name: "Enregistrer" });
    await waitFor(() => expect(first).toHaveFocus());
    await fireEvent.keyDown(first, { key: "Unidentified", code: "Tab", shiftKey: true });
    expect(last).toHaveFocus();
    await fireEvent.keyDown(last, { key: "Tab", code: "Tab" });
    expect(first).toHaveFocus();
  });

  it("keeps Maj+Tab in the dialog from any radio of its first group (none chosen: the group is entered on its last radio)", async () => {
    const radios = createRawSnippet(() => ({
      render: () =>
        `<form><fieldset><legend>Décision</legend><label><input type="radio" name="essai" value="oui" /> Oui</label><label><input type="radio" name="essai" value="non" /> Non</label></fieldset><button type="submit">Enregistrer</button></form>`,
    }));
    render(Modal, { title: "Essai", onclose: vi.fn(), children: radios });
    const no = screen.getByRole("radio", { name: "Non" });
    const save = screen.getByRole("button", { name: "Enregistrer" });
    no.focus();
    await fireEvent.keyDown(no, { key: "Unidentified", code: "Tab", shiftKey: true });
    expect(save).toHaveFocus();
  });

  it("keeps the keyboard in the dialog when the control it was on is disabled while the dialog works", async () => {
    render(Modal, { title: "Essai", onclose: vi.fn(), children });
    const dialog = screen.getByRole("dialog", { name: "Essai" });
    const save = screen.getByRole("button", { name: "Enregistrer" }) as HTMLButtonElement;
    save.focus();
    // What WebKit does to a focused button as it is disabled: blurs it, to the body.
    save.blur();
    save.disabled = true;
    await waitFor(() => expect(dialog).toHaveFocus());
    expect(dialog).toHaveAttribute("data-focus-moved");
    // Blurred while it can still take the keyboard: back on it.
    save.disabled = false;
    save.focus();
    save.blur();
    await waitFor(() => expect(save).toHaveFocus());
  });
});
