import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import DossierDrawer from "./DossierDrawer.svelte";
import { mockBackend } from "../../../test/mock-backend";
import {
  decisionReasonRequired,
  failingWith,
  incomplete,
  notEligible,
  overridden,
  reasonRequired,
  ribAttached,
  ribReceived,
} from "../../../test/mock-dossier";
import type { Backend } from "../../backend";
import type { Dossier, DroppedFile } from "../../bindings";

const okWith = <T>(data: T) => vi.fn(() => Promise.resolve({ status: "ok" as const, data }));

function setup(overrides: Partial<Backend> = {}, dossier: Dossier = incomplete) {
  const backend = mockBackend(overrides);
  const onupdated = vi.fn();
  const onclose = vi.fn();
  const onnotice = vi.fn();
  let dirty = false;
  render(DossierDrawer, {
    props: {
      backend,
      dossier,
      onupdated,
      onclose,
      onnotice,
      get dirty() {
        return dirty;
      },
      set dirty(v: boolean) {
        dirty = v;
      },
    },
  });
  return { backend, onupdated, onclose, onnotice, isDirty: () => dirty, user: userEvent.setup() };
}

const piece = (name: string) => screen.getByRole("region", { name });
const RIB = "Relevé d'identité bancaire (RIB)";

describe("DossierDrawer", () => {
  it("shows the eligibility with core's reasons, and each piece asked with its status", () => {
    setup();
    expect(screen.getByRole("heading", { name: "Dossier de LEFÈVRE Zoé" })).toHaveFocus();
    expect(screen.getByText("Étudiant — médecine — Dossier reçu le 18/11/2026")).toBeInTheDocument();
    const eligibility = screen.getByRole("region", { name: "Recevabilité" });
    expect(eligibility).toHaveTextContent("Incomplet");
    expect(within(eligibility).getByRole("list", { name: "Motifs" })).toHaveTextContent(
      "1 pièce manquante : Relevé d'identité bancaire (RIB)",
    );
    const rib = piece(RIB);
    expect(rib).toHaveTextContent("Obligatoire");
    expect(rib).toHaveTextContent("Manquante");
    expect(within(rib).getByLabelText("Statut")).toHaveValue("missing");
    const identity = piece("Pièce d'identité (carte d'identité ou passeport) et photo");
    expect(identity).toHaveTextContent("Reçue le 18/11/2026");
    expect(within(identity).getByRole("list", { name: /Fichiers joints/ })).toHaveTextContent("cni-recto-verso.pdf");
    expect(identity).toHaveTextContent("PDF, 412 Ko, joint le 18/11/2026 à 10 h 12");
    const ars = piece("Accord écrit de l'ARS");
    expect(ars).toHaveTextContent("Facultative");
    expect(within(ars).getByLabelText("Statut")).toHaveValue("");
    expect(within(ars).getByRole("option", { name: "À recevoir" })).toBeInTheDocument();
  });

  it("keeps the pieces not asked of the candidate collapsed", async () => {
    const { user } = setup();
    const summary = screen.getByText("Pièces non demandées à ce candidat (1)");
    const details = summary.closest("details");
    expect(details).not.toHaveAttribute("open");
    expect(piece(RIB).closest("details")).toBeNull();
    await user.click(summary);
    expect(details).toHaveAttribute("open");
    expect(piece("Titre de séjour")).toHaveTextContent("Non demandée à ce candidat");
  });

  it("records a piece received with the date typed, after « Enregistrer les pièces »", async () => {
    const { backend, onupdated, onnotice, isDirty, user } = setup({ piecesSet: okWith(ribReceived) });
    const rib = piece(RIB);
    const save = screen.getByRole("button", { name: "Enregistrer les pièces" });
    expect(save).toBeDisabled();
    await user.selectOptions(within(rib).getByLabelText("Statut"), "Reçue");
    expect(within(rib).getByText("Modification non enregistrée")).toBeInTheDocument();
    expect(isDirty()).toBe(true);
    expect(screen.getByRole("status")).toHaveTextContent("1 pièce modifiée, non enregistrée");
    expect(backend.piecesSet).not.toHaveBeenCalled();
    const date = within(rib).getByLabelText("Reçue le");
    expect(date).toHaveAccessibleDescription(expect.stringContaining("laissez vide pour la date du jour"));
    await user.type(date, "20/11/2026");
    await user.click(screen.getByRole("button", { name: "Enregistrer les pièces (1)" }));
    expect(backend.piecesSet).toHaveBeenCalledWith(2, [{ piece: 6, update: { status: "received", received_on: "20/11/2026", reason: "" } }]);
    expect(onupdated).toHaveBeenCalledWith(ribReceived);
    expect(onnotice).toHaveBeenCalledWith(`${RIB}\u00a0: Reçue le 20/11/2026.`);
    expect(isDirty()).toBe(false);
    expect(within(piece(RIB)).queryByText("Modification non enregistrée")).not.toBeInTheDocument();
  });

  it("saves several pieces changed together, in one call, with Ctrl+S", async () => {
    const both = { ...ribReceived, display_name: "LEFÈVRE Zoé" };
    const { backend, onnotice, isDirty, user } = setup({ piecesSet: okWith(both) });
    await user.selectOptions(within(piece(RIB)).getByLabelText("Statut"), "received");
    const ars = piece("Accord écrit de l'ARS");
    await user.selectOptions(within(ars).getByLabelText("Statut"), "not_required");
    // Back to what it was: that piece is no longer changed.
    const identity = piece("Pièce d'identité (carte d'identité ou passeport) et photo");
    await user.selectOptions(within(identity).getByLabelText("Statut"), "missing");
    await user.selectOptions(within(identity).getByLabelText("Statut"), "received");
    expect(screen.getByRole("status")).toHaveTextContent("2 pièces modifiées, non enregistrées");
    await user.keyboard("{Control>}s{/Control}");
    expect(backend.piecesSet).toHaveBeenCalledOnce();
    expect(backend.piecesSet).toHaveBeenCalledWith(2, [
      { piece: 6, update: { status: "received", received_on: "", reason: "" } },
      { piece: 11, update: { status: "not_required", received_on: "", reason: "" } },
    ]);
    expect(onnotice).toHaveBeenCalledWith("Dossier de LEFÈVRE Zoé\u00a0: 2 pièces enregistrées.");
    expect(isDirty()).toBe(false);
    expect(screen.getByRole("status")).toHaveTextContent("Aucune modification en attente.");
  });

  it("drops the changes with « Annuler les modifications »", async () => {
    const { backend, isDirty, user } = setup();
    const rib = piece(RIB);
    await user.selectOptions(within(rib).getByLabelText("Statut"), "received");
    await user.click(screen.getByRole("button", { name: "Annuler les modifications" }));
    expect(isDirty()).toBe(false);
    expect(within(piece(RIB)).getByLabelText("Statut")).toHaveValue("missing");
    expect(backend.piecesSet).not.toHaveBeenCalled();
  });

  it("shows core's refusal of a non-compliant piece without reason at the reason field", async () => {
    const { backend, onupdated, user } = setup({ piecesSet: failingWith(reasonRequired) });
    const rib = piece(RIB);
    await user.selectOptions(within(rib).getByLabelText("Statut"), "not_compliant");
    await user.click(screen.getByRole("button", { name: "Enregistrer les pièces (1)" }));
    expect(backend.piecesSet).toHaveBeenCalledWith(2, [{ piece: 6, update: { status: "not_compliant", received_on: "", reason: "" } }]);
    const reason = within(rib).getByLabelText(/^Motif de non-conformité/);
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveAccessibleDescription(expect.stringContaining("« Motif » est obligatoire pour une pièce non conforme"));
    await vi.waitFor(() => expect(reason).toHaveFocus());
    expect(onupdated).not.toHaveBeenCalled();
    // What was chosen stays, to be completed.
    expect(within(rib).getByLabelText("Statut")).toHaveValue("not_compliant");
    expect(screen.getByRole("status")).toHaveTextContent("1 pièce modifiée, non enregistrée");
  });

  it("shows a piece's current reason, and saves the reason typed with Enter", async () => {
    const { backend, user } = setup({ piecesSet: okWith(notEligible) }, notEligible);
    const rib = piece(RIB);
    expect(rib).toHaveTextContent("Non conforme : copie illisible");
    const reason = within(rib).getByLabelText(/^Motif de non-conformité/);
    expect(reason).toHaveValue("copie illisible");
    await user.clear(reason);
    await user.type(reason, "RIB au nom d'un tiers{Enter}");
    expect(backend.piecesSet).toHaveBeenCalledWith(3, [
      { piece: 6, update: { status: "not_compliant", received_on: "", reason: "RIB au nom d'un tiers" } },
    ]);
  });

  it("attaches a file chosen in the dialog, and says nothing when cancelled", async () => {
    const attachmentPick = vi
      .fn()
      .mockResolvedValueOnce({ status: "ok", data: null })
      .mockResolvedValueOnce({ status: "ok", data: ribAttached });
    const { onupdated, onnotice, user } = setup({ attachmentPick });
    const attach = within(piece(RIB)).getByRole("button", { name: `Joindre un fichier à «\u00a0${RIB}\u00a0»…` });
    await user.click(attach);
    expect(attachmentPick).toHaveBeenCalledWith(2, 6);
    expect(onupdated).not.toHaveBeenCalled();
    expect(onnotice).not.toHaveBeenCalled();
    await user.click(attach);
    expect(onupdated).toHaveBeenCalledWith(ribAttached);
    expect(onnotice).toHaveBeenCalledWith(`Fichier «\u00a0rib-lefevre.pdf\u00a0» joint à «\u00a0${RIB}\u00a0».`);
  });

  it("opens a file in the system viewer, and asks before removing it", async () => {
    const { backend, onupdated, onnotice, user } = setup();
    const identity = piece("Pièce d'identité (carte d'identité ou passeport) et photo");
    await user.click(within(identity).getByRole("button", { name: "Ouvrir cni-recto-verso.pdf" }));
    expect(backend.attachmentOpen).toHaveBeenCalledWith(7);

    await user.click(within(identity).getByRole("button", { name: "Retirer cni-recto-verso.pdf" }));
    let dialog = screen.getByRole("dialog", { name: "Retirer ce fichier\u00a0?" });
    expect(dialog).toHaveTextContent("Le fichier « cni-recto-verso.pdf » sera retiré de la pièce");
    await user.click(within(dialog).getByRole("button", { name: "Conserver" }));
    expect(backend.attachmentRemove).not.toHaveBeenCalled();

    await user.click(within(identity).getByRole("button", { name: "Retirer cni-recto-verso.pdf" }));
    dialog = screen.getByRole("dialog", { name: "Retirer ce fichier\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Retirer le fichier" }));
    expect(backend.attachmentRemove).toHaveBeenCalledWith(7);
    expect(onupdated).toHaveBeenCalledOnce();
    expect(onnotice).toHaveBeenCalledWith(
      "Fichier «\u00a0cni-recto-verso.pdf\u00a0» retiré de «\u00a0Pièce d'identité (carte d'identité ou passeport) et photo\u00a0».",
    );
  });

  it("shows core's refusal to open a file", async () => {
    const message = "Le fichier « cni-recto-verso.pdf » n'a pas pu être ouvert : vérifiez qu'une visionneuse PDF ou d'images est installée.";
    const { user } = setup({ attachmentOpen: failingWith({ code: "open_failed", message, details: [] }) });
    await user.click(screen.getByRole("button", { name: "Ouvrir cni-recto-verso.pdf" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
  });

  it("attaches a file dropped on the window to the piece chosen, proposing the one last worked on", async () => {
    let drop: (f: DroppedFile) => void = () => {};
    const unlisten = vi.fn();
    const backend = mockBackend({ attachmentDropped: okWith(ribAttached) });
    backend.events.onFileDropped = vi.fn((handler: (f: DroppedFile) => void) => {
      drop = handler;
      return Promise.resolve(unlisten);
    });
    const onupdated = vi.fn();
    const onnotice = vi.fn();
    const user = userEvent.setup();
    const { unmount } = render(DossierDrawer, { backend, dossier: incomplete, onupdated, onclose: vi.fn(), onnotice });
    expect(backend.events.onFileDropped).toHaveBeenCalledOnce();
    await user.click(within(piece(RIB)).getByLabelText("Statut"));
    drop({ file_name: "rib-lefevre.pdf" });
    const dialog = await screen.findByRole("dialog", { name: "Joindre le fichier déposé" });
    expect(dialog).toHaveTextContent("À quelle pièce du dossier de LEFÈVRE Zoé joindre « rib-lefevre.pdf » ?");
    expect(within(dialog).getByRole("radio", { name: RIB })).toBeChecked();
    expect(within(dialog).getByRole("radio", { name: "Titre de séjour (non demandée)" })).not.toBeChecked();
    expect(backend.attachmentDropped).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Joindre le fichier" }));
    expect(backend.attachmentDropped).toHaveBeenCalledWith(2, 6);
    expect(onupdated).toHaveBeenCalledWith(ribAttached);
    expect(onnotice).toHaveBeenCalledWith(`Fichier «\u00a0rib-lefevre.pdf\u00a0» joint à «\u00a0${RIB}\u00a0».`);
    unmount();
    await vi.waitFor(() => expect(unlisten).toHaveBeenCalled());
  });

  it("cancelling the dropped file's dialog attaches nothing", async () => {
    let drop: (f: DroppedFile) => void = () => {};
    const backend = mockBackend();
    backend.events.onFileDropped = vi.fn((handler: (f: DroppedFile) => void) => {
      drop = handler;
      return Promise.resolve(() => {});
    });
    render(DossierDrawer, { backend, dossier: incomplete, onupdated: vi.fn(), onclose: vi.fn(), onnotice: vi.fn() });
    const user = userEvent.setup();
    drop({ file_name: "photo.png" });
    const dialog = await screen.findByRole("dialog");
    // Nothing worked on yet: the user must choose.
    await user.click(within(dialog).getByRole("button", { name: "Joindre le fichier" }));
    expect(within(dialog).getByText("Choisissez la pièce à laquelle joindre le fichier.")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.attachmentDropped).not.toHaveBeenCalled();
  });

  it("records the commission's decision only once confirmed with a reason core accepts", async () => {
    const eligibilityOverride = vi
      .fn()
      .mockResolvedValueOnce({ status: "error", error: decisionReasonRequired })
      .mockResolvedValueOnce({ status: "ok", data: overridden });
    const { onupdated, onnotice, user } = setup({ eligibilityOverride });
    await user.click(screen.getByRole("button", { name: "Décision de la commission…" }));
    const dialog = screen.getByRole("dialog", { name: "Décision de la commission" });
    expect(eligibilityOverride).not.toHaveBeenCalled();
    // No decision chosen: asked before anything is sent.
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer la décision" }));
    expect(eligibilityOverride).not.toHaveBeenCalled();
    expect(within(dialog).getByRole("radio", { name: /^Recevable/ })).toHaveAccessibleDescription(
      "Choisissez la décision de la commission.",
    );
    // The keyboard is on the first choice, with its ring drawn (a focus moved by script
    // after a click draws none by itself).
    expect(within(dialog).getByRole("radio", { name: /^Recevable/ })).toHaveFocus();
    expect(within(dialog).getByRole("radio", { name: /^Recevable/ })).toHaveAttribute("data-focus-moved");
    expect(within(dialog).queryByRole("button", { name: "Revenir au calcul" })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole("radio", { name: /^Recevable/ }));
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer la décision" }));
    expect(eligibilityOverride).toHaveBeenCalledWith(2, true, "");
    const reason = within(dialog).getByLabelText(/^Motif/);
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveAccessibleDescription(expect.stringContaining("la décision de la commission doit être motivée"));
    expect(onupdated).not.toHaveBeenCalled();

    await user.type(reason, "RIB transmis par la banque le 20/11/2026");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer la décision" }));
    expect(eligibilityOverride).toHaveBeenLastCalledWith(2, true, "RIB transmis par la banque le 20/11/2026");
    expect(onupdated).toHaveBeenCalledWith(overridden);
    expect(onnotice).toHaveBeenCalledWith("Dossier de LEFÈVRE Zoé\u00a0: Complet (décision de la commission).");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("shows the commission's decision, and goes back to the computation", async () => {
    const { backend, onnotice, user } = setup({ eligibilityOverride: okWith(incomplete) }, overridden);
    const eligibility = screen.getByRole("region", { name: "Recevabilité" });
    expect(eligibility).toHaveTextContent("Complet (décision de la commission)");
    expect(eligibility).toHaveTextContent("Décision de la commission du 22/11/2026 à 17 h 40, saisie par Claire Dumont, secrétaire :");
    expect(eligibility).toHaveTextContent("RIB transmis par la banque le 20/11/2026");
    expect(eligibility).toHaveTextContent("Calcul de l'application : Incomplet.");
    await user.click(screen.getByRole("button", { name: "Décision de la commission…" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByRole("radio", { name: /^Recevable/ })).toBeChecked();
    await user.click(within(dialog).getByRole("button", { name: "Revenir au calcul" }));
    expect(backend.eligibilityOverride).toHaveBeenCalledWith(2, null, "RIB transmis par la banque le 20/11/2026");
    expect(onnotice).toHaveBeenCalledWith("Dossier de LEFÈVRE Zoé\u00a0: retour au calcul (Incomplet).");
  });

  it("writes this candidate's letters", async () => {
    const { backend, onnotice, user } = setup();
    await user.click(screen.getByRole("button", { name: "Lettre de pièces manquantes…" }));
    await user.click(await screen.findByRole("button", { name: "Choisir le dossier et écrire…" }));
    expect(backend.lettersWrite).toHaveBeenCalledWith("missing_pieces", [2], "12/12/2026");
    expect(onnotice).toHaveBeenCalledWith(
      "Lettre enregistrée\u00a0: «\u00a0Pièces manquantes - LEFÈVRE Zoé.pdf\u00a0», dans «\u00a0/home/claire/Courriers\u00a0».",
    );
    await user.click(screen.getByRole("button", { name: "Accusé de réception…" }));
    expect(backend.lettersWrite).toHaveBeenLastCalledWith("receipt", [2], "");
  });

  it("shows core's refusal of a letter", async () => {
    const message = "Le dossier de DUPONT-MOREAU Marie-Ève n'est pas incomplet (complet) : il n'y a pas de pièce manquante à réclamer.";
    const { user } = setup({ lettersWrite: failingWith({ code: "dossier_not_incomplete", message, details: [] }) });
    await user.click(screen.getByRole("button", { name: "Lettre de pièces manquantes…" }));
    await user.click(await screen.findByRole("button", { name: "Choisir le dossier et écrire…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
  });

  it("closes with Escape, asking first when a status typed is not saved", async () => {
    const { onclose, user } = setup();
    await user.keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledOnce();

    await user.selectOptions(within(piece(RIB)).getByLabelText("Statut"), "received");
    await user.keyboard("{Escape}");
    const dialog = screen.getByRole("dialog", { name: "Abandonner les modifications\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Revenir au dossier" }));
    expect(onclose).toHaveBeenCalledOnce();
    expect(within(piece(RIB)).getByLabelText("Statut")).toHaveValue("received");

    await user.click(screen.getByRole("button", { name: "Fermer le dossier" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Quitter sans enregistrer" }));
    expect(onclose).toHaveBeenCalledTimes(2);
  });

  it("keeps the keyboard in the drawer after saving a piece, where Escape still closes it", async () => {
    const { onclose, user } = setup({ piecesSet: okWith(ribReceived) });
    await user.selectOptions(within(piece(RIB)).getByLabelText("Statut"), "received");
    await user.type(within(piece(RIB)).getByLabelText("Reçue le"), "20/11/2026{Enter}");
    // The pieces are drawn afresh: the keyboard stays on that piece, not on the page's body.
    expect(document.activeElement).not.toBe(document.body);
    expect(piece(RIB)).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledOnce();
  });

  it("after « Enregistrer les pièces », puts the keyboard on the piece saved (the button is disabled)", async () => {
    const { user } = setup({ piecesSet: okWith(ribReceived) });
    await user.selectOptions(within(piece(RIB)).getByLabelText("Statut"), "received");
    await user.click(screen.getByRole("button", { name: "Enregistrer les pièces (1)" }));
    expect(within(piece(RIB)).getByLabelText("Statut")).toHaveFocus();
  });

  it("closes with Escape even when the keyboard was lost on the page's body", async () => {
    const { onclose, user } = setup();
    (document.activeElement as HTMLElement).blur();
    expect(document.activeElement).toBe(document.body);
    await user.keyboard("{Escape}");
    expect(onclose).toHaveBeenCalledOnce();
  });
});
