// « Nouvelle campagne à partir d'une autre… »: last year's file picked (its passphrase
// asked when it is encrypted), the form pre-filled by core with what it offers, the days
// of interviews moved, core's refusals at their fields, and the new campaign opened.
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import type { CarryPick, CarrySource } from "./lib/bindings";
import { mockBackend, secret, settings } from "./test/mock-backend";
import { armisticeDay, carrySourceOf } from "./test/mock-carry";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const session = () =>
  ok({ operator: "Claire", campaign: null, recent: [], startup_error: null, version: "0.1.0", first_run: false, requested_file: null });
const start = /^Nouvelle campagne à partir d'une autre…/;

/** The app on the home screen, « Nouvelle campagne à partir d'une autre… » pressed. */
async function pickLastYear(overrides: Parameters<typeof mockBackend>[0] = {}) {
  const backend = mockBackend({ getSession: vi.fn(session), ...overrides });
  render(App, { backend });
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: start }));
  return { backend, user };
}

/** The part's checkbox, named by its label. */
const part = (label: string) => screen.getByRole<HTMLInputElement>("checkbox", { name: label });
const day = (i: number) => document.getElementById(`carry-day-${i}`) as HTMLInputElement;

describe("App: a new campaign from another one", () => {
  it("is offered on the home screen next to « Nouvelle campagne »", async () => {
    render(App, { backend: mockBackend({ getSession: vi.fn(session) }) });
    const buttons = (await screen.findAllByRole("button", { name: /^Nouvelle campagne/ })).map((b) => b.textContent?.trim());
    expect(buttons).toHaveLength(2);
    expect(buttons[1]).toMatch(/^Nouvelle campagne à partir d'une autre…\s*Reprenez la commission/);
  });

  it("stays on the home screen when the file dialog is cancelled", async () => {
    const { backend } = await pickLastYear({ carryPick: vi.fn(() => ok<CarryPick | null>(null)) });
    await waitFor(() => expect(backend.carryPick).toHaveBeenCalledOnce());
    expect(backend.carrySource).not.toHaveBeenCalled();
    expect(screen.getByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows the form pre-filled by core, every part offered checked, the days moved", async () => {
    const { backend, user } = await pickLastYear();
    expect(await screen.findByRole("heading", { level: 1, name: "Nouvelle campagne à partir d'une autre" })).toBeInTheDocument();
    expect(backend.carrySource).toHaveBeenCalledExactlyOnceWith(null);
    expect(screen.getByText(/Les paramètres de «\sUFR de médecine et d'odontologie — 2026-2027\s» sont repris/)).toBeInTheDocument();
    // The usual fields, as core pre-filled them: the next academic year, a year later.
    expect(screen.getByLabelText(/^Nom de l'UFR/)).toHaveValue(settings.ufr_name);
    expect(screen.getByLabelText(/^Année universitaire/)).toHaveValue("2027-2028");
    expect(screen.getByLabelText(/^Date limite/)).toHaveValue("01/12/2027");
    expect(screen.getByLabelText("Contingent Étudiants, médecine")).toHaveValue("10");
    // Focus goes to the form's first field, as for a blank campaign.
    expect(screen.getByLabelText(/^Nom de l'UFR/)).toHaveFocus();
    // The window's title names the screen.
    await waitFor(() => expect(backend.setWindowTitle).toHaveBeenLastCalledWith("Nouvelle campagne à partir d'une autre"));
    expect(document.title).toBe("Nouvelle campagne à partir d'une autre — CESP Commission");

    const carry = screen.getByRole("group", { name: /^À reprendre de «\sCampagne 2026-2027\.cesp\s»$/ });
    const boxes = within(carry).getAllByRole<HTMLInputElement>("checkbox");
    expect(boxes.map((b) => b.checked)).toEqual([true, true, true, true, true, false]);
    expect(part("La commission et ses règles")).toHaveAccessibleDescription(/^7 membres, dont 2 membres avec une image de signature/);
    // What the file lacks cannot be chosen; its detail says why.
    expect(part("Les paramètres de courriel")).toBeDisabled();
    expect(part("Les paramètres de courriel")).toHaveAccessibleDescription("aucun serveur configuré — rien à reprendre");
    expect(carry).toHaveAccessibleDescription(
      /^Jamais repris\s: candidats, dossiers, pièces jointes, notes, plannings, listes, procès-verbaux, journal\.$/,
    );

    const table = within(carry).getByRole("table", { name: /^Journées d'entretiens à reporter/ });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Journée de l'an dernier", "Nouvelle date"]);
    expect(within(table).getByRole("rowheader", { name: "jeudi 26 novembre 2026" })).toBeInTheDocument();
    expect(screen.getByLabelText("Nouvelle date de la journée du jeudi 26 novembre 2026")).toHaveValue("25/11/2027");
    expect(day(1)).toHaveValue("26/11/2027");
    expect(day(0)).toHaveAccessibleDescription(/^Proposée\s: jeudi 25 novembre 2027/);

    // Without the interviews, no days to move.
    await user.click(part("L'organisation des entretiens"));
    expect(within(carry).queryByRole("table")).toBeNull();
    await user.click(part("L'organisation des entretiens"));
    expect(within(carry).getByRole("table")).toBeInTheDocument();
  });

  it("warns at the row of a day moved to a public holiday, until it is changed", async () => {
    const source: CarrySource = { ...carrySourceOf(settings), days: [armisticeDay, carrySourceOf(settings).days[0]!] };
    const { user } = await pickLastYear({ carrySource: vi.fn(() => ok(source)) });
    await screen.findByRole("heading", { level: 1, name: "Nouvelle campagne à partir d'une autre" });
    expect(day(0)).toHaveValue("11/11/2027");
    expect(day(0)).toHaveAccessibleDescription(/^À changer\s: Le jeudi 11 novembre 2027 est un jour férié \(Armistice 1918\)/);
    expect(day(0)).not.toHaveAttribute("aria-invalid");
    expect(day(0).closest("tr")).toHaveTextContent("jeudi 12 novembre 2026");
    await user.clear(day(0));
    await user.type(day(0), "10/11/2027");
    expect(day(0)).not.toHaveAccessibleDescription(/Armistice/);
    expect(screen.queryByText(/Armistice 1918/)).toBeNull();
  });

  it("shows core's refusal of a day at its field, then creates with the parts and dates chosen", async () => {
    const { backend, user } = await pickLastYear();
    await screen.findByRole("heading", { level: 1, name: "Nouvelle campagne à partir d'une autre" });
    await user.clear(day(1));
    await user.type(day(1), "11/11/2027");
    await user.click(screen.getByRole("button", { name: "Créer la campagne…" }));

    await waitFor(() => expect(day(1)).toHaveAttribute("aria-invalid", "true"));
    const message = "Le jeudi 11 novembre 2027 est un jour férié (Armistice 1918) : choisissez un autre jour.";
    expect(document.getElementById("carry-day-1-error")).toHaveTextContent(message);
    expect(day(1)).toHaveAccessibleDescription(new RegExp(`^${message.replace(/[()]/g, "\\$&")}`));
    expect(screen.getByRole("alert")).toHaveTextContent(message);
    await waitFor(() => expect(day(1)).toHaveFocus());
    expect(day(0)).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByTestId("campaign-title")).toBeNull();

    await user.clear(day(1));
    await user.type(day(1), "23/11/2027");
    await user.click(screen.getByRole("button", { name: "Créer la campagne…" }));
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent("UFR de médecine et d'odontologie — 2027-2028");
    expect(backend.newCampaignFrom).toHaveBeenLastCalledWith(
      expect.objectContaining({ academic_year: "2027-2028", dossier_deadline: "01/12/2027" }),
      { parts: ["commission", "grid", "checklist", "allocation", "interviews"], days: ["25/11/2027", "23/11/2027"] },
      null,
      null,
      null,
    );
    expect(backend.newCampaign).not.toHaveBeenCalled();
  });

  it("says at once that interviews need the commission, and shows core's refusal there", async () => {
    const { backend, user } = await pickLastYear();
    await screen.findByRole("heading", { level: 1, name: "Nouvelle campagne à partir d'une autre" });
    const interviews = part("L'organisation des entretiens");
    expect(screen.queryByText(/Les jurys sont faits des membres de la commission/)).toBeNull();
    await user.click(part("La commission et ses règles"));
    const rule = document.getElementById("carry-rule")!;
    expect(rule).toHaveTextContent(/^Les jurys sont faits des membres de la commission\s: reprenez aussi la commission/);
    expect(rule).toHaveAttribute("role", "status");
    expect(interviews).toHaveAccessibleDescription(/Les jurys sont faits des membres de la commission/);

    await user.click(screen.getByRole("button", { name: "Créer la campagne…" }));
    await waitFor(() => expect(interviews).toHaveAttribute("aria-invalid", "true"));
    expect(vi.mocked(backend.newCampaignFrom).mock.lastCall![1].parts).toEqual(["grid", "checklist", "allocation", "interviews"]);
    expect(screen.getByRole("alert")).toHaveTextContent("reprenez aussi la commission, ou ne reprenez pas l'organisation des entretiens.");
    await waitFor(() => expect(interviews).toHaveFocus());

    // Without the interviews, the days are not sent and core creates the campaign.
    await user.click(interviews);
    expect(rule.textContent).toBe("");
    await user.click(screen.getByRole("button", { name: "Créer la campagne…" }));
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent("2027-2028");
    expect(vi.mocked(backend.newCampaignFrom).mock.lastCall![1]).toEqual({ parts: ["grid", "checklist", "allocation"], days: [] });
  });

  it("asks the passphrase of an encrypted file, again after a wrong one, and encrypts the new one", async () => {
    const pick: CarryPick = { file_name: "Campagne 2026-2027.cesp", encrypted: true };
    const { backend, user } = await pickLastYear({ carryPick: vi.fn(() => ok<CarryPick | null>(pick)) });
    const dialog = await screen.findByRole("dialog", { name: "Campagne chiffrée" });
    expect(dialog).toHaveAccessibleDescription(/^«\sCampagne 2026-2027\.cesp\s» est chiffré\s: saisissez sa phrase de passe/);
    const field = within(dialog).getByLabelText("Phrase de passe");
    expect(field).toHaveFocus();
    expect(backend.carrySource).not.toHaveBeenCalled();
    await user.keyboard("cèdre{Enter}");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("La phrase de passe ne permet pas d'ouvrir « Campagne 2026-2027.cesp »");
    expect(field).toHaveAttribute("aria-invalid", "true");
    await user.clear(field);
    await user.type(field, `${secret}{Enter}`);
    await screen.findByRole("heading", { level: 1, name: "Nouvelle campagne à partir d'une autre" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(backend.carrySource).toHaveBeenLastCalledWith(secret);
    // The keyboard goes to the form's first field, not back to the home screen's button (gone).
    await waitFor(() => expect(screen.getByLabelText(/^Nom de l'UFR/)).toHaveFocus());
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.getByLabelText(/^Nom de l'UFR/)).toHaveFocus();

    // The new file encrypted too, like a blank campaign's.
    await user.click(screen.getByRole("checkbox", { name: "Chiffrer le fichier avec une phrase de passe" }));
    await user.type(screen.getByLabelText(/^Phrase de passe/), "vingt falaises de craie");
    await user.type(screen.getByLabelText(/^Confirmez la phrase de passe/), "vingt falaises de craie");
    await user.click(screen.getByRole("button", { name: "Créer la campagne…" }));
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent("2027-2028");
    expect(backend.newCampaignFrom).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ days: ["25/11/2027", "26/11/2027"] }),
      secret,
      "vingt falaises de craie",
      "vingt falaises de craie",
    );
  });

  it("closes the passphrase question on Escape, back on the home screen", async () => {
    const pick: CarryPick = { file_name: "Campagne 2026-2027.cesp", encrypted: true };
    const { backend, user } = await pickLastYear({ carryPick: vi.fn(() => ok<CarryPick | null>(pick)) });
    await screen.findByRole("dialog", { name: "Campagne chiffrée" });
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(backend.carrySource).not.toHaveBeenCalled();
    expect(screen.getByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
  });

  it("shows core's refusal of the file on the home screen", async () => {
    const message = "« notes.cesp » n'est pas une campagne CESP : choisissez le fichier .cesp de la campagne précédente.";
    await pickLastYear({
      carrySource: vi.fn(() => Promise.resolve({ status: "error" as const, error: { code: "not_a_campaign", message, details: [] } })),
    });
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
  });

  it("asks before leaving a form whose parts were changed, then goes back home", async () => {
    const { user } = await pickLastYear();
    await screen.findByRole("heading", { level: 1, name: "Nouvelle campagne à partir d'une autre" });
    await user.click(part("La grille de notation"));
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    const confirm = await screen.findByRole("dialog", { name: "Abandonner la saisie\u00a0?" });
    await user.click(within(confirm).getByRole("button", { name: "Abandonner" }));
    expect(await screen.findByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
  });
});
