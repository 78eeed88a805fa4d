import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import MailSettingsForm from "./MailSettingsForm.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { blankMailSettings, mailSettings, mailSettingsView, testSent, wrongPassword } from "../../../test/mock-mail";
import type { Backend } from "../../backend";
import type { MailSettingsView } from "../../bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = <E>(error: E) => Promise.resolve({ status: "error" as const, error });

function setup(overrides: Partial<Backend> = {}) {
  const backend = mockBackend(overrides);
  const onnotice = vi.fn();
  render(MailSettingsForm, { backend, onnotice });
  return { backend, onnotice, user: userEvent.setup() };
}

const section = () => screen.getByRole("region", { name: "Envoi des courriels" });

describe("MailSettingsForm", () => {
  it("shows the saved server and sender, STARTTLS or TLS only, and where the password is kept", async () => {
    setup();
    expect(await screen.findByLabelText("Serveur")).toHaveValue("smtp.univ-demo.fr");
    expect(screen.getByLabelText("Port")).toHaveValue("587");
    const security = screen.getByRole("group", { name: "Sécurité" });
    const choices = within(security).getAllByRole("radio");
    expect(choices.map((c) => c.parentElement?.textContent?.trim())).toEqual(["STARTTLS — port 587", "TLS — port 465"]);
    expect(within(security).getByLabelText("STARTTLS — port 587")).toBeChecked();
    expect(screen.getByLabelText("Identifiant")).toHaveValue("scol-medecine");
    expect(screen.getByLabelText("Nom de l'expéditeur")).toHaveValue("Scolarité — UFR de médecine");
    expect(screen.getByLabelText("Adresse de l'expéditeur")).toHaveValue("cesp@univ-demo.fr");
    expect(screen.getByLabelText(/Adresse de réponse/)).toHaveValue("");
    expect(screen.getByLabelText("Signature")).toHaveValue("Le service de la scolarité\nUFR de médecine et d'odontologie");
    // The password is never shown nor sent back: the field says one is kept.
    const password = screen.getByLabelText("Mot de passe");
    expect(password).toHaveValue("");
    expect(password).toHaveAttribute("type", "password");
    expect(password).not.toHaveAttribute("aria-required");
    expect(password).toHaveAccessibleDescription(
      "Un mot de passe est enregistré dans le trousseau du système\u00a0; laissez vide pour le garder.",
    );
    expect(section()).toHaveTextContent("jamais dans le fichier de la campagne");
  });

  it("says when no password is kept, and why the keyring cannot be read", async () => {
    const missing: MailSettingsView = { ...mailSettingsView, password_stored: false };
    setup({ mailSettings: vi.fn(() => ok(missing)) });
    expect(await screen.findByLabelText("Mot de passe")).toHaveAccessibleDescription(
      "Aucun mot de passe n'est enregistré dans le trousseau du système pour ce compte.",
    );
  });

  it("shows the keyring's problem at the password", async () => {
    const problem =
      "Le trousseau du système (où le mot de passe est gardé) est inaccessible (no secret service) : ouvrez votre session de bureau normalement, ou donnez le mot de passe pour cet envoi seulement.";
    setup({ mailSettings: vi.fn(() => ok({ ...mailSettingsView, password_stored: false, keyring_problem: problem })) });
    expect(await screen.findByLabelText("Mot de passe")).toHaveAccessibleDescription(problem);
  });

  it("saves what was typed, the password to the keyring, and shows a refusal at its field", async () => {
    const blank: MailSettingsView = { settings: blankMailSettings, password_stored: false, keyring_problem: null };
    const { backend, onnotice, user } = setup({ mailSettings: vi.fn(() => ok(blank)) });
    const host = await screen.findByLabelText("Serveur");
    expect(screen.getByLabelText("Mot de passe")).toHaveAccessibleDescription(/Seulement si le serveur demande un identifiant/);
    await user.type(host, "smtp.univ-demo.fr");
    const port = screen.getByLabelText("Port");
    await user.clear(port);
    await user.type(port, "58 7");
    await user.click(screen.getByLabelText("TLS — port 465"));
    await user.type(screen.getByLabelText("Identifiant"), "scol-medecine");
    await user.type(screen.getByLabelText("Mot de passe"), "s3cret!");
    await user.type(screen.getByLabelText("Nom de l'expéditeur"), "Scolarité");
    await user.type(screen.getByLabelText("Adresse de l'expéditeur"), "cesp@univ-demo.fr");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));

    expect(backend.mailSettingsSave).toHaveBeenLastCalledWith(
      { ...blankMailSettings, host: "smtp.univ-demo.fr", port: "58 7", security: "tls", user: "scol-medecine", sender_name: "Scolarité", sender_address: "cesp@univ-demo.fr" },
      "s3cret!",
    );
    // Core's refusal, at the port: marked, described, focused.
    expect(port).toHaveAttribute("aria-invalid", "true");
    expect(port).toHaveAccessibleDescription(/« Port » : « 58 7 » n'est pas un numéro de port/);
    expect(port).toHaveFocus();
    expect(within(section()).getByRole("alert")).toHaveTextContent("n'est pas un numéro de port");
    expect(screen.getByLabelText("Serveur")).not.toHaveAttribute("aria-invalid");
    expect(onnotice).not.toHaveBeenCalled();

    await user.clear(port);
    await user.type(port, "465");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(backend.mailSettingsSave).toHaveBeenLastCalledWith(expect.objectContaining({ port: "465", security: "tls" }), "s3cret!");
    expect(onnotice).toHaveBeenCalledWith("Réglages d'envoi des courriels enregistrés.");
    expect(port).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByRole("alert")).toBeNull();
    // Saved: the password typed is gone from the window, and kept in the keyring.
    expect(screen.getByLabelText("Mot de passe")).toHaveValue("");
    expect(screen.getByLabelText("Mot de passe")).toHaveAccessibleDescription(/Un mot de passe est enregistré dans le trousseau/);
  });

  it("keeps the stored password when the field is left empty", async () => {
    const { backend, user } = setup();
    const name = await screen.findByLabelText("Nom de l'expéditeur");
    await user.clear(name);
    await user.type(name, "Scolarité CESP");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(backend.mailSettingsSave).toHaveBeenCalledWith({ ...mailSettings, sender_name: "Scolarité CESP" }, null);
  });

  it("tells the shell while something typed is not saved", async () => {
    let dirty = false;
    render(MailSettingsForm, {
      backend: mockBackend(),
      onnotice: vi.fn(),
      get dirty() {
        return dirty;
      },
      set dirty(v: boolean) {
        dirty = v;
      },
    });
    const user = userEvent.setup();
    const password = await screen.findByLabelText("Mot de passe");
    expect(dirty).toBe(false);
    await user.type(password, "x");
    expect(dirty).toBe(true);
    await user.clear(password);
    expect(dirty).toBe(false);
    await user.type(screen.getByLabelText("Serveur"), "x");
    expect(dirty).toBe(true);
  });

  it("sends a test message to the sender, or to another address, and shows the server's answer", async () => {
    const { backend, user } = setup();
    const to = await screen.findByLabelText(/Adresse de l'essai/);
    expect(to).toHaveAccessibleDescription("Vide\u00a0: à l'adresse de l'expéditeur (cesp@univ-demo.fr).");
    await user.click(screen.getByRole("button", { name: "Envoyer un courriel d'essai" }));
    expect(backend.mailTest).toHaveBeenLastCalledWith("");
    // The server's answer: a status message, read whole.
    expect((await screen.findByText(testSent)).closest('[role="status"]')).toHaveAttribute("aria-atomic", "true");
    // Nothing changed: nothing saved first.
    expect(backend.mailSettingsSave).not.toHaveBeenCalled();

    await user.type(to, " claire.dumont@univ-demo.fr ");
    await user.click(screen.getByRole("button", { name: "Envoyer un courriel d'essai" }));
    expect(backend.mailTest).toHaveBeenLastCalledWith("claire.dumont@univ-demo.fr");
  });

  it("shows the server's refusal of the test as core words it", async () => {
    const { user } = setup({ mailTest: vi.fn(() => fail(wrongPassword)) });
    await user.click(await screen.findByRole("button", { name: "Envoyer un courriel d'essai" }));
    const alert = await within(section()).findByRole("alert");
    expect(alert).toHaveTextContent("refuse l'identifiant ou le mot de passe");
    expect(screen.queryByText(testSent)).toBeNull();
  });

  it("saves changed settings before the test, and sends none when they are refused", async () => {
    const { backend, user } = setup();
    const port = await screen.findByLabelText("Port");
    await user.clear(port);
    await user.type(port, "abc");
    expect(screen.getByLabelText(/Adresse de l'essai/)).toHaveAccessibleDescription(/d'abord enregistrés/);
    await user.click(screen.getByRole("button", { name: "Envoyer un courriel d'essai" }));
    expect(backend.mailSettingsSave).toHaveBeenCalledTimes(1);
    expect(port).toHaveAttribute("aria-invalid", "true");
    expect(backend.mailTest).not.toHaveBeenCalled();

    await user.clear(port);
    await user.type(port, "465");
    await user.click(screen.getByRole("button", { name: "Envoyer un courriel d'essai" }));
    expect(backend.mailSettingsSave).toHaveBeenCalledTimes(2);
    expect(backend.mailTest).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(testSent)).toBeInTheDocument();
  });
});
