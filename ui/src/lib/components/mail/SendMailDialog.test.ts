import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SendMailDialog from "./SendMailDialog.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { convocations, cutReport, mailProgress, nothingToSend, sentReport, unreachable } from "../../../test/mock-mail";
import type { Backend } from "../../backend";
import type { AppError, MailKind, MailReport, Result } from "../../bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

function setup(kind: MailKind = "convocations", overrides: Partial<Backend> = {}) {
  const progress = mailProgress();
  const base = mockBackend(overrides);
  const backend: Backend = { ...base, events: { ...base.events, onMailProgress: progress.on } };
  const onclose = vi.fn();
  const onsettings = vi.fn();
  render(SendMailDialog, { backend, kind, onclose, onsettings });
  return { backend, onclose, onsettings, progress, user: userEvent.setup() };
}

/** A send that answers when the test says. */
function held() {
  let answer: (r: Result<MailReport, AppError>) => void = () => {};
  const mailSend = vi.fn(() => new Promise<Result<MailReport, AppError>>((resolve) => (answer = resolve)));
  return { mailSend, answer: (r: Result<MailReport, AppError>) => answer(r) };
}

const dialog = () => screen.getByRole("dialog");

describe("SendMailDialog — the preview", () => {
  it("shows who gets what before anything is sent", async () => {
    const { backend } = setup();
    const d = dialog();
    expect(d).toHaveAccessibleName("Envoyer les convocations par courriel");
    expect(await within(d).findByRole("heading", { name: "3 courriels à envoyer" })).toBeInTheDocument();
    expect(backend.mailPreview).toHaveBeenCalledWith({ kind: "convocations" });
    expect(d).toHaveTextContent("De : Scolarité — UFR de médecine <cesp@univ-demo.fr>");
    // French typography: no-break spaces before the colons.
    expect(d.textContent).toContain("De\u00a0:");
    expect(d.textContent).toContain("d'adresse électronique\u00a0: sa lettre");

    const table = within(d).getByRole("table", { name: "Destinataires" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent("BERNARD Noémie");
    expect(rows[0]).toHaveTextContent("noemie.bernard@etu.demo-jules-verne.fr");
    expect(rows[0]).toHaveTextContent("Convocation à l'entretien CESP — jeudi 14 janvier 2027 à 8 h 30");
    expect(rows[0]).toHaveTextContent("Convocation CESP - BERNARD Noémie.pdf");
    expect(rows[0]).toHaveTextContent("Entretien CESP - BERNARD Noémie.ics");

    // The first message's text, then another's on demand.
    const first = within(d).getByRole("region", { name: "Courriel à BERNARD Noémie" });
    expect(first).toHaveTextContent("Madame, Vous trouverez ci-joint votre convocation");
    expect(first).toHaveTextContent("À : noemie.bernard@etu.demo-jules-verne.fr");
    const martin = within(table).getByRole("button", { name: "Voir le courriel à MARTIN Adrien" });
    expect(martin).toHaveAttribute("aria-pressed", "false");
    await userEvent.setup().click(martin);
    expect(martin).toHaveAttribute("aria-pressed", "true");
    expect(within(d).getByRole("region", { name: "Courriel à MARTIN Adrien" })).toHaveTextContent("Monsieur,");

    // Those who need a letter on paper, and those who already have it.
    expect(d).toHaveTextContent("1 candidat n'a pas d'adresse électronique : sa lettre est à imprimer et à poster.");
    expect(d).toHaveTextContent("PICARD Clémence");
    expect(d).toHaveTextContent("1 adresse n'est pas valable : la lettre est à imprimer et à poster.");
    expect(d).toHaveTextContent("ROUX Hugo — « hugo.roux@ » n'est pas une adresse électronique valable");
    expect(d).toHaveTextContent(
      "DUPONT-MOREAU Marie-Ève (marie-eve.dupont@etu.demo-jules-verne.fr), déjà envoyé le 12/01/2027 à 9 h 05 : ne sera pas renvoyé",
    );
    expect(within(d).getByRole("button", { name: "Envoyer les 3 courriels" })).toHaveClass("primary");
    expect(backend.mailSend).not.toHaveBeenCalled();
  });

  it("prints the letters of those without a valid address", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Imprimer leurs lettres…" }));
    expect(backend.mailUnreachableExport).toHaveBeenCalledWith({ kind: "convocations" });
    const printed = await within(dialog()).findByText("Lettres à imprimer enregistrées dans « /home/claire/Documents/Lettres à imprimer.pdf ».");
    // A status message: the keyboard stays on the button.
    expect(printed).toHaveAttribute("role", "status");
    expect(printed).toHaveAttribute("aria-atomic", "true");
    expect(backend.mailSend).not.toHaveBeenCalled();
  });

  it("agrees with one message", async () => {
    setup("letters", { mailPreview: vi.fn(() => ok({ ...convocations, kind: "letters" as const, messages: convocations.messages.slice(0, 1), without_address: [], invalid_addresses: [], already_sent: [] })) });
    expect(await screen.findByRole("heading", { name: "1 courriel à envoyer" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Envoyer le courriel" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Imprimer leurs lettres…" })).toBeNull();
  });

  it("offers no send when there is nothing to send", async () => {
    const { backend, onclose, user } = setup("letters", { mailPreview: vi.fn(() => ok(nothingToSend)) });
    expect(await screen.findByRole("heading", { name: "Aucun courriel à envoyer" })).toBeInTheDocument();
    expect(dialog()).toHaveTextContent("Rien à envoyer : aucun courriel ne partira.");
    expect(dialog()).toHaveTextContent("BERNARD Noémie (noemie.bernard@etu.demo-jules-verne.fr), déjà envoyé le 20/01/2027 à 14 h 12 : ne sera pas renvoyé");
    expect(screen.queryByRole("button", { name: /^Envoyer/ })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Fermer" }));
    expect(onclose).toHaveBeenCalled();
    expect(backend.mailSend).not.toHaveBeenCalled();
  });

  it("shows core's refusal of the batch", async () => {
    const refusal: AppError = { code: "schedule_not_planned", message: "Aucun entretien n'est planifié : planifiez les entretiens avant d'envoyer les convocations.", details: [] };
    setup("convocations", { mailPreview: vi.fn(() => fail(refusal)) });
    expect(await screen.findByRole("alert")).toHaveTextContent("Aucun entretien n'est planifié");
    expect(screen.queryByRole("button", { name: /^Envoyer/ })).toBeNull();
    // Not a matter of settings: no way there.
    expect(screen.queryByRole("button", { name: "Régler l'envoi des courriels" })).toBeNull();
  });
});

describe("SendMailDialog — missing pieces", () => {
  it("asks the return date, previews again when it changes, and sends with the date previewed", async () => {
    const { backend, user } = setup("missing_pieces");
    const date = await screen.findByLabelText("Date limite de retour");
    expect(date).toHaveValue("");
    await waitFor(() => expect(date).toHaveAccessibleDescription(/^JJ\/MM\/AAAA\s;\svide\s:\sle 12\/12\/2026, date proposée\.\s*$/));
    expect(backend.mailPreview).toHaveBeenLastCalledWith({ kind: "missing_pieces", return_by: "" });
    expect(await screen.findByRole("region", { name: "Courriel à LEFÈVRE Zoé" })).toHaveTextContent("au plus tard le 12/12/2026");
    // The count is a heading, not a live region; a status message says it again only when
    // another date replaces the preview shown (not when the dialog opens).
    expect(screen.getByRole("heading", { name: "1 courriel à envoyer" })).not.toHaveAttribute("aria-live");
    const recount = within(dialog()).getAllByRole("status").find((s) => s.classList.contains("visually-hidden"))!;
    expect(recount).toHaveAttribute("aria-atomic", "true");
    expect(recount.textContent).toBe("");

    await user.type(date, "1er janvier{Enter}");
    expect(backend.mailPreview).toHaveBeenLastCalledWith({ kind: "missing_pieces", return_by: "1er janvier" });
    await waitFor(() => expect(date).toHaveAttribute("aria-invalid", "true"));
    expect(date).toHaveAccessibleDescription(/« Date limite de retour » : « 1er janvier » n.est pas une date/);
    expect(screen.queryByRole("button", { name: /^Envoyer/ })).toBeNull();

    await user.clear(date);
    await user.type(date, "05/01/2027");
    await user.tab();
    expect(backend.mailPreview).toHaveBeenLastCalledWith({ kind: "missing_pieces", return_by: "05/01/2027" });
    expect(await screen.findByRole("region", { name: "Courriel à LEFÈVRE Zoé" })).toHaveTextContent("au plus tard le 05/01/2027");
    expect(date).not.toHaveAttribute("aria-invalid");
    expect(recount).toHaveTextContent("1 courriel à envoyer");
    const calls = vi.mocked(backend.mailPreview).mock.calls.length;

    await user.click(screen.getByRole("button", { name: "Envoyer le courriel" }));
    expect(backend.mailSend).toHaveBeenCalledWith({ kind: "missing_pieces", return_by: "05/01/2027" });
    expect(vi.mocked(backend.mailPreview).mock.calls.length).toBe(calls);
  });

  it("previews a date typed and not yet previewed instead of sending", async () => {
    const { backend } = setup("missing_pieces");
    await screen.findByRole("region", { name: "Courriel à LEFÈVRE Zoé" });
    // The date typed without leaving the field, then the button pressed (no change event).
    await fireEvent.input(screen.getByLabelText("Date limite de retour"), { target: { value: "08/01/2027" } });
    await fireEvent.click(screen.getByRole("button", { name: "Envoyer le courriel" }));
    expect(await screen.findByText(/au plus tard le 08\/01\/2027/)).toBeInTheDocument();
    expect(backend.mailPreview).toHaveBeenLastCalledWith({ kind: "missing_pieces", return_by: "08/01/2027" });
    expect(backend.mailSend).not.toHaveBeenCalled();
  });
});

describe("SendMailDialog — sending", () => {
  it("shows the progress core reports, interrupts on demand, then sums up what went and what did not", async () => {
    const send = held();
    const { backend, progress, onclose, user } = setup("convocations", { mailSend: send.mailSend });
    await user.click(await screen.findByRole("button", { name: "Envoyer les 3 courriels" }));
    expect(backend.mailSend).toHaveBeenCalledWith({ kind: "convocations" });

    const bar = screen.getByRole("progressbar", { name: "Avancement de l'envoi" });
    expect(bar).toHaveAttribute("aria-valuenow", "0");
    expect(bar).toHaveAttribute("aria-valuemax", "3");
    progress.emit({ done: 1, total: 3 });
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "1"));
    expect(screen.getByText("1 sur 3")).toBeInTheDocument();
    // A status message (role=status, polite by itself), read whole.
    expect(screen.getByText("1 sur 3")).toHaveAttribute("role", "status");
    expect(screen.getByText("1 sur 3")).toHaveAttribute("aria-atomic", "true");
    progress.emit({ done: 2, total: 3 });
    await waitFor(() => expect(screen.getByText("2 sur 3")).toBeInTheDocument());

    // No closing while it sends.
    await user.keyboard("{Escape}");
    expect(onclose).not.toHaveBeenCalled();

    const interrupt = screen.getByRole("button", { name: "Interrompre" });
    expect(interrupt).toHaveFocus();
    await user.click(interrupt);
    expect(backend.mailCancel).toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Interruption après le courriel en cours…" })).toBeDisabled();

    send.answer({ status: "ok", data: cutReport });
    const title = await screen.findByRole("heading", { name: "Envoi interrompu" });
    expect(title).toHaveFocus();
    const d = dialog();
    expect(d).toHaveTextContent("1 courriel envoyé.");
    expect(d).toHaveTextContent("1 courriel refusé par le serveur :");
    expect(d).toHaveTextContent("MARTIN Adrien (adrien.martin@etu.demo-jules-verne.fr) : 550 5.1.1 Mailbox unknown");
    expect(d).toHaveTextContent("1 courriel déjà envoyé auparavant, non renvoyé.");
    expect(within(d).getByRole("alert")).toHaveTextContent("relancez l'envoi quand le serveur répond, seuls les courriels qui ne sont pas partis seront envoyés");

    // Again: a new preview, nothing sent until confirmed.
    const previews = vi.mocked(backend.mailPreview).mock.calls.length;
    await user.click(screen.getByRole("button", { name: "Relancer" }));
    expect(vi.mocked(backend.mailPreview).mock.calls.length).toBe(previews + 1);
    expect(await screen.findByRole("heading", { name: "3 courriels à envoyer" })).toBeInTheDocument();
    expect(backend.mailSend).toHaveBeenCalledTimes(1);
  });

  it("says when the whole batch went", async () => {
    const { onclose, user } = setup("convocations", { mailSend: vi.fn(() => ok(sentReport)) });
    await user.click(await screen.findByRole("button", { name: "Envoyer les 3 courriels" }));
    expect(await screen.findByRole("heading", { name: "Envoi terminé" })).toBeInTheDocument();
    expect(dialog()).toHaveTextContent("3 courriels envoyés.");
    expect(dialog()).toHaveTextContent("1 courriel déjà envoyé auparavant, non renvoyé.");
    expect(screen.queryByRole("alert")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Fermer" }));
    expect(onclose).toHaveBeenCalled();
  });

  it("shows a server out of reach as core words it, with the way to the settings", async () => {
    const { onclose, onsettings, user } = setup("convocations", { mailSend: vi.fn(() => fail(unreachable)) });
    await user.click(await screen.findByRole("button", { name: "Envoyer les 3 courriels" }));
    expect(await screen.findByRole("heading", { name: "Envoi impossible" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("est injoignable");
    expect(screen.getByRole("alert")).toHaveTextContent("Rien n'a été envoyé.");
    await user.click(screen.getByRole("button", { name: "Régler l'envoi des courriels" }));
    expect(onclose).toHaveBeenCalled();
    expect(onsettings).toHaveBeenCalled();
  });
});
