import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import MinutesPanel from "./MinutesPanel.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { draft, sealedState, sealedVersion, signedBy, signedByArs, signedVerification, signers } from "../../../test/mock-minutes";
import type { AppError, MinutesState, Signer } from "../../bindings";
import { fr } from "../../i18n/fr";
import { people } from "../../../test/mock-names";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

function setup(overrides = {}) {
  const backend = mockBackend(overrides);
  const onnotice = vi.fn();
  render(MinutesPanel, { backend, onnotice });
  return { backend, onnotice, user: userEvent.setup() };
}

describe("MinutesPanel", () => {
  it("previews each table of a national campaign 200 candidates at a time, each its own", async () => {
    const names = people(450);
    const heard = names.map((p, i) => ({ name: p.display, blocks: ["12,5", "8", "12,05"], total: (32 - i / 50).toFixed(2).replace(".", ",") }));
    const line = (i: number) => ({ position: String(i + 1), name: names[i]!.display, total: heard[i]!.total, reason: `liste complémentaire n° ${i + 1}` });
    const minutes = {
      ...draft.minutes,
      heard: [{ ...draft.minutes.heard[0]!, rows: heard }],
      lists: [{ ...draft.minutes.lists[0]!, main: draft.minutes.lists[0]!.main, complementary: names.slice(0, 250).map((_, i) => line(i)) }],
    };
    const { user } = setup({ minutes: vi.fn(() => ok({ ...draft, minutes })) });
    await screen.findByText("Projet — non scellé");
    const drawn = (caption: string) => screen.getByText(caption, { selector: "caption" }).closest("table")!.querySelectorAll("tbody tr").length;
    const lines = () => screen.queryAllByText(/ sur .* candidats affichés$/, { ignore: "script, style, [role=status]" }).map((p) => p.textContent);
    expect([drawn("Étudiants — médecine"), drawn("Liste principale"), drawn("Liste complémentaire")]).toEqual([200, 1, 200]);
    expect(lines()).toEqual(["200 sur 450 candidats affichés", "200 sur 250 candidats affichés"]);
    await user.click(screen.getByText("Afficher les 50 derniers candidats", { selector: "button" }));
    expect([drawn("Étudiants — médecine"), drawn("Liste principale"), drawn("Liste complémentaire")]).toEqual([200, 1, 250]);
    // No control in the rows: the keyboard on the 201st.
    expect(document.activeElement).toHaveTextContent(names[200]!.display);
  });

  it("previews the draft and seals it after asking, with the date of signature", async () => {
    const { backend, onnotice, user } = setup();
    expect(await screen.findByText("Projet — non scellé")).toBeInTheDocument();
    expect(screen.getByText("Fait à Amiens, le 17 janvier 2027")).toBeInTheDocument();
    expect(screen.getAllByRole("rowheader", { name: "COLIN Théo" })).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Sceller le procès-verbal…" }));
    const dialog = screen.getByRole("dialog", { name: "Sceller le procès-verbal\u00a0?" });
    const date = within(dialog).getByLabelText("Date de signature (JJ/MM/AAAA)");
    await user.clear(date);
    await user.type(date, "17/01/2027");
    await user.click(within(dialog).getByRole("button", { name: "Sceller" }));
    expect(backend.minutesSeal).toHaveBeenCalledWith({ signed_on: "17/01/2027", acting: "chair", acknowledgement: "" });
    expect(onnotice).toHaveBeenCalledWith("Procès-verbal scellé (version 1).");
    expect(await screen.findByText(sealedVersion.fingerprint)).toBeInTheDocument();
    expect(screen.getByText(/Scellé — version 1, le 17\/01\/2027 à 18 h 05/)).toBeInTheDocument();
  });

  it("waits for the seal under way: its button says so and cannot be pressed twice", async () => {
    let finish: (r: { status: "ok"; data: MinutesState }) => void = () => {};
    const minutesSeal = vi.fn(() => new Promise((resolve) => (finish = resolve)));
    const { backend, user } = setup({ minutesSeal });
    await screen.findByText("Projet — non scellé");
    await user.click(screen.getByRole("button", { name: "Sceller le procès-verbal…" }));
    const dialog = screen.getByRole("dialog", { name: "Sceller le procès-verbal\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Sceller" }));
    const working = within(dialog).getByRole("button", { name: "Scellement…" });
    expect(working).toBeDisabled();
    await user.click(working);
    expect(backend.minutesSeal).toHaveBeenCalledTimes(1);
    finish({ status: "ok", data: sealedState });
    expect(await screen.findByText(sealedVersion.fingerprint)).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("cannot be sealed while something blocks it, and says what", async () => {
    const checklist = [
      { code: "ties", text: "des candidats sont ex aequo au dernier rang utile", blocking: true },
      { code: "scores_not_validated", text: "les notes de 2 candidats entendus ne sont pas validées", blocking: false },
    ];
    setup({ minutes: vi.fn(() => ok({ ...draft, checklist })) });
    expect(await screen.findByText("des candidats sont ex aequo au dernier rang utile")).toBeInTheDocument();
    expect(screen.getByText(/Le procès-verbal ne peut pas être scellé tant que/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sceller le procès-verbal…" })).toBeDisabled();
  });

  it("seals on the chair's behalf in knowledge of the points core lists, with a reason", async () => {
    const checklist = [
      { code: "contracts_unallocated", text: "Étudiants — médecine : 1 contrat non attribué sur 2 : pas assez de candidats", blocking: false },
    ];
    const refusal: AppError = {
      code: "validation",
      message: "Motif manquant",
      details: [{ field: "acknowledgement", message: "« Motif » : dites pourquoi, le motif figurera au procès-verbal." }],
    };
    const minutesSeal = vi.fn().mockReturnValueOnce(fail(refusal)).mockReturnValue(ok(sealedState));
    const { backend, user } = setup({ minutes: vi.fn(() => ok({ ...draft, checklist })), minutesSeal });
    expect(await screen.findByText(/Le président peut sceller en connaissance de ces points/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Sceller le procès-verbal…" }));
    const dialog = screen.getByRole("dialog", { name: "Sceller le procès-verbal\u00a0?" });
    expect(within(dialog).getByText(/Le jour de la dernière séance \(14\/01\/2027\) ou après/)).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText("Je scelle au nom de Pr Jean-Marc LEFEBVRE, à sa demande"));
    const date = within(dialog).getByLabelText("Date de signature (JJ/MM/AAAA)");
    await user.clear(date);
    await user.type(date, "15/01/2027");
    await user.click(within(dialog).getByRole("button", { name: "Sceller" }));
    const reason = within(dialog).getByLabelText("Motif (obligatoire, figurera au procès-verbal)");
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveFocus();
    await user.type(reason, "contrat reporté à l'an prochain");
    await user.click(within(dialog).getByRole("button", { name: "Sceller" }));
    expect(backend.minutesSeal).toHaveBeenLastCalledWith({
      signed_on: "15/01/2027",
      acting: "on_behalf",
      acknowledgement: "contrat reporté à l'an prochain",
    });
    expect(await screen.findByRole("heading", { name: "Scellement" })).toBeInTheDocument();
    expect(screen.getByText(/pour ce motif : « contrat reporté à l'an prochain »/)).toBeInTheDocument();
  });

  it("reopens only with a reason, shown at the field", async () => {
    const refusal: AppError = { code: "validation", message: "Motif manquant", details: [{ field: "reason", message: "« Motif » est obligatoire." }] };
    const minutesReopen = vi.fn().mockReturnValueOnce(fail(refusal)).mockReturnValue(ok(draft));
    const { backend, user } = setup({ minutes: vi.fn(() => ok(sealedState)), minutesReopen });
    await user.click(await screen.findByRole("button", { name: "Rouvrir…" }));
    const dialog = screen.getByRole("dialog", { name: "Rouvrir le procès-verbal\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Rouvrir" }));
    const reason = within(dialog).getByLabelText("Motif (obligatoire)");
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveFocus();
    await user.type(reason, "contrat supplémentaire en décembre");
    await user.click(within(dialog).getByRole("button", { name: "Rouvrir" }));
    expect(backend.minutesReopen).toHaveBeenLastCalledWith("contrat supplémentaire en décembre");
    expect(await screen.findByText("Projet — non scellé")).toBeInTheDocument();
  });

  it("records a member's approval and shows the verdict of a verification", async () => {
    const approved = { ...sealedState, sealed: { ...sealedVersion, approvals: ["Dr Sophie MARCHAND (le 17/01/2027 à 18 h 30)"] } };
    const { backend, user } = setup({ minutes: vi.fn(() => ok(sealedState)), minutesApprove: vi.fn(() => ok(approved)) });
    await user.click(await screen.findByRole("button", { name: "Approuver au nom de Dr Sophie MARCHAND" }));
    expect(backend.minutesApprove).toHaveBeenCalledWith(2);
    expect(await screen.findByText("Approuvé — le 17/01/2027 à 18 h 30")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approuver au nom de Dr Sophie MARCHAND" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Vérifier un procès-verbal…" }));
    const dialog = await screen.findByRole("dialog", { name: "Vérification d'un procès-verbal" });
    expect(within(dialog).getByRole("status")).toHaveTextContent("Conforme");
  });
});

// The sealed minutes signed electronically by each member with their own certificate.
describe("MinutesPanel — electronic signatures", () => {
  const member = (id: number, name: string, signed: string | null = null, chair = false): Signer => ({
    member: id,
    name,
    role: chair ? "Président(e) — directeur de l'UFR ou son représentant" : "Médecin",
    chair,
    signed: signed ? signedBy(signed) : null,
  });
  // Seven members, two of whom have signed; the chair last.
  const seven = (): MinutesState => ({
    ...sealedState,
    signers: [
      member(2, "Dr Sophie MARCHAND", "Sophie Marchand"),
      member(3, "Dr Karim BELKACEM", "Karim Belkacem"),
      member(4, "Dr Anne-Sophie DUVAL"),
      member(5, "Dr Céline PÉTRAULT"),
      member(6, "M. Thomas LEROY"),
      member(7, "Mme Élodie BRETON"),
      member(1, "Pr Jean-Marc LEFEBVRE", null, true),
    ],
  });
  const section = async () => {
    const heading = await screen.findByRole("heading", { name: "Signatures électroniques" });
    return heading.closest("section")!;
  };

  it("is not shown before the minutes are sealed", async () => {
    setup();
    expect(await screen.findByText("Projet — non scellé")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Signatures électroniques" })).not.toBeInTheDocument();
  });

  it("lists the signers in core's order, the chair last, with the count and what the signature is", async () => {
    setup({ minutes: vi.fn(() => ok(seven())) });
    const list = await section();
    expect(within(list).getByText("2 membres sur 7 ont signé")).toBeInTheDocument();
    expect(within(list).getByText(/signature électronique avancée \(PAdES\)/)).toHaveTextContent(/non une signature qualifiée, qui exige une carte/);
    expect(within(list).getByText(/sans modifier les précédentes/)).toBeInTheDocument();
    const rows = within(list).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("rowheader").textContent?.trim())).toEqual([
      "Dr Sophie MARCHAND",
      "Dr Karim BELKACEM",
      "Dr Anne-Sophie DUVAL",
      "Dr Céline PÉTRAULT",
      "M. Thomas LEROY",
      "Mme Élodie BRETON",
      "Pr Jean-Marc LEFEBVRE signe en dernier",
    ]);
    expect(rows[0]).toHaveTextContent("Signé le 17/01/2027 à 18 h 20 avec le certificat de Sophie Marchand (délivré par AC Universités de test)");
    expect(within(rows[0]!).queryByRole("button")).not.toBeInTheDocument();
    expect(rows[2]).toHaveTextContent("Pas encore signé");
    expect(within(rows[2]!).getByRole("button", { name: "Signer en tant que Dr Anne-Sophie DUVAL…" })).toHaveTextContent("Signer…");
    expect(within(list).getAllByRole("button", { name: /^Signer en tant que/ })).toHaveLength(5);
  });

  it("signs: the certificate chosen, its passphrase typed, the list updated and the next member's button focused", async () => {
    const { backend, onnotice, user } = setup({ minutes: vi.fn(() => ok(sealedState)) });
    const list = await section();
    expect(within(list).getByText("0 membre sur 2 a signé")).toBeInTheDocument();
    const opener = within(list).getByRole("button", { name: "Signer en tant que Dr Sophie MARCHAND…" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Signer le procès-verbal — Dr Sophie MARCHAND" });
    const sign = within(dialog).getByRole("button", { name: "Signer" });
    expect(sign).toBeDisabled();
    expect(within(dialog).getByText("Aucun certificat choisi.")).toBeInTheDocument();
    const choose = within(dialog).getByRole("button", { name: "Choisir le certificat…" });
    expect(choose).toHaveFocus();
    await user.click(choose);
    expect(within(dialog).getByText("Certificat choisi : « marchand.p12 »")).toBeInTheDocument();
    expect(sign).toBeEnabled();
    const passphrase = within(dialog).getByLabelText("Phrase de passe du certificat");
    expect(passphrase).toHaveFocus();
    // Enter submits.
    await user.type(passphrase, "secret-pv{Enter}");
    expect(backend.minutesSign).toHaveBeenCalledWith(2, "/home/sophie/Certificats/marchand.p12", "secret-pv");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(onnotice).toHaveBeenCalledWith("Dr Sophie MARCHAND a signé le procès-verbal.");
    expect(within(list).getByText("1 membre sur 2 a signé")).toBeInTheDocument();
    expect(within(list).getByText(/Signé le 17\/01\/2027 à 18 h 20 avec le certificat de Sophie Marchand/)).toBeInTheDocument();
    expect(within(list).queryByRole("button", { name: "Signer en tant que Dr Sophie MARCHAND…" })).not.toBeInTheDocument();
    expect(within(list).getByRole("button", { name: "Signer en tant que Pr Jean-Marc LEFEBVRE…" })).toHaveFocus();
  });

  it("changes nothing when choosing the certificate is cancelled, and Escape gives the focus back", async () => {
    const { backend, user } = setup({ minutes: vi.fn(() => ok(sealedState)), minutesPickCertificate: vi.fn(() => ok(null)) });
    const opener = await screen.findByRole("button", { name: "Signer en tant que Dr Sophie MARCHAND…" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Signer le procès-verbal — Dr Sophie MARCHAND" });
    await user.click(within(dialog).getByRole("button", { name: "Choisir le certificat…" }));
    expect(backend.minutesPickCertificate).toHaveBeenCalled();
    expect(within(dialog).getByText("Aucun certificat choisi.")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Signer" })).toBeDisabled();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.minutesSign).not.toHaveBeenCalled();
    expect(opener).toHaveFocus();
    // « Annuler » too.
    await user.click(opener);
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Annuler" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it("shows a wrong passphrase at its field, then signs with the right one", async () => {
    const wrong: AppError = {
      code: "certificate_passphrase",
      message: "La phrase de passe du certificat « marchand.p12 » est incorrecte : vérifiez-la (majuscules, accents), puis recommencez.",
      details: [],
    };
    const minutesSign = vi.fn().mockReturnValueOnce(fail(wrong)).mockReturnValue(ok(signedByArs));
    const { backend, user } = setup({ minutes: vi.fn(() => ok(sealedState)), minutesSign });
    await user.click(await screen.findByRole("button", { name: "Signer en tant que Dr Sophie MARCHAND…" }));
    const dialog = screen.getByRole("dialog", { name: "Signer le procès-verbal — Dr Sophie MARCHAND" });
    await user.click(within(dialog).getByRole("button", { name: "Choisir le certificat…" }));
    const passphrase = within(dialog).getByLabelText("Phrase de passe du certificat");
    await user.type(passphrase, "secret");
    await user.click(within(dialog).getByRole("button", { name: "Signer" }));
    expect(passphrase).toHaveAttribute("aria-invalid", "true");
    expect(passphrase).toHaveAccessibleDescription(wrong.message);
    expect(passphrase).toHaveFocus();
    expect(within(dialog).getByRole("alert")).toHaveTextContent("est incorrecte");
    await user.clear(passphrase);
    await user.type(passphrase, "secret-pv");
    await user.click(within(dialog).getByRole("button", { name: "Signer" }));
    expect(backend.minutesSign).toHaveBeenLastCalledWith(2, "/home/sophie/Certificats/marchand.p12", "secret-pv");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("shows any other refusal in the dialog as core words it", async () => {
    const expired: AppError = {
      code: "certificate_not_valid",
      message: "Le certificat de Anne-Sophie Duval ne permet pas de signer : il a expiré le 01/01/2025 ; demandez-en le renouvellement à votre autorité de certification.",
      details: [],
    };
    const { user } = setup({ minutes: vi.fn(() => ok(sealedState)), minutesSign: vi.fn(() => fail(expired)) });
    await user.click(await screen.findByRole("button", { name: "Signer en tant que Dr Sophie MARCHAND…" }));
    const dialog = screen.getByRole("dialog", { name: "Signer le procès-verbal — Dr Sophie MARCHAND" });
    await user.click(within(dialog).getByRole("button", { name: "Choisir le certificat…" }));
    await user.type(within(dialog).getByLabelText("Phrase de passe du certificat"), "secret-pv");
    await user.click(within(dialog).getByRole("button", { name: "Signer" }));
    expect(within(dialog).getByRole("alert")).toHaveTextContent(expired.message);
    expect(within(dialog).getByLabelText("Phrase de passe du certificat")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByText("0 membre sur 2 a signé")).toBeInTheDocument();
  });

  it("warns before the chair signs while members have not, then closes the minutes to signatures", async () => {
    const state = seven();
    const all = state.signers.map((s) => ({ ...s, signed: s.signed ?? signedBy(s.name) }));
    const closed: MinutesState = { ...state, signers: [...state.signers.slice(0, 6), all[6]!] };
    const { onnotice, user } = setup({ minutes: vi.fn(() => ok(state)), minutesSign: vi.fn(() => ok(closed)) });
    await user.click(await screen.findByRole("button", { name: "Signer en tant que Dr Anne-Sophie DUVAL…" }));
    expect(screen.queryByText(/après la signature du président/)).not.toBeInTheDocument();
    await user.keyboard("{Escape}");
    await user.click(screen.getByRole("button", { name: "Signer en tant que Pr Jean-Marc LEFEBVRE…" }));
    const dialog = screen.getByRole("dialog", { name: "Signer le procès-verbal — Pr Jean-Marc LEFEBVRE" });
    expect(dialog).toHaveAccessibleDescription(/4 membres n'ont pas encore signé\s:\saprès la signature du président, ils ne pourront plus signer\./);
    await user.click(within(dialog).getByRole("button", { name: "Choisir le certificat…" }));
    await user.type(within(dialog).getByLabelText("Phrase de passe du certificat"), "secret-pv");
    await user.click(within(dialog).getByRole("button", { name: "Signer" }));
    expect(onnotice).toHaveBeenCalledWith("Pr Jean-Marc LEFEBVRE a signé le procès-verbal.");
    const list = await section();
    expect(within(list).getByText(/Pr Jean-Marc LEFEBVRE a signé en dernier, comme président\(e\) : le procès-verbal ne reçoit plus de signature\./)).toBeInTheDocument();
    expect(within(list).getByText("3 membres sur 7 ont signé")).toBeInTheDocument();
    expect(within(list).queryByRole("button")).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Signatures électroniques" })).toHaveFocus();
  });

  it("says it for one member left", () => {
    // The plural agrees (core's threshold), as in « 1 membre n'a pas encore signé ».
    const t = fr.minutes.esign;
    expect(t.chairWarning(1)).toBe("1 membre n'a pas encore signé\u00a0: après la signature du président, il ne pourra plus signer.");
    expect(t.count(1, 7)).toBe("1 membre sur 7 a signé");
    expect(t.count(7, 7)).toBe("7 membres sur 7 ont signé");
  });

  it("offers no approval once a member has signed electronically", async () => {
    setup({ minutes: vi.fn(() => ok(signedByArs)) });
    await section();
    expect(screen.queryByRole("button", { name: /^Approuver au nom de/ })).not.toBeInTheDocument();
    expect(screen.getByText(/les approbations ne sont plus proposées/)).toBeInTheDocument();
  });

  it("lists the signatures of a verified PDF with their three checks in words", async () => {
    const { user } = setup({ minutes: vi.fn(() => ok(signedByArs)), minutesVerify: vi.fn(() => ok(signedVerification)) });
    await user.click(await screen.findByRole("button", { name: "Vérifier un procès-verbal…" }));
    const dialog = await screen.findByRole("dialog", { name: "Vérification d'un procès-verbal" });
    expect(within(dialog).getByRole("status")).toHaveTextContent(/^Non conforme : ce PDF a été modifié après avoir été signé/);
    // The findings that are not one signature's stay in the general list.
    expect(within(dialog).getByText(/Sous ses signatures électroniques, le PDF est exactement celui de la version 1/)).toBeInTheDocument();
    const signatures = within(dialog).getByRole("region", { name: "Signatures électroniques du PDF (2)" });
    const items = within(signatures).getAllByRole("heading", { level: 4 }).map((h) => h.closest("li")!);
    expect(items.map((i) => within(i).getByRole("heading").textContent)).toEqual(["Signature 1 — Sophie Marchand", "Signature 2 — Jean-Marc Lefebvre"]);
    const first = items[0]!;
    const second = items[1]!;
    expect(first).toHaveTextContent("Certificat délivré par AC Universités de test");
    expect(first).toHaveTextContent("Signé le 17/01/2027 à 18 h 20");
    expect(first).toHaveTextContent("Champ de signature du PDF Signature-membre-2");
    const checks = (item: HTMLElement) => within(within(item).getByRole("list", { name: /^Contrôles/ })).getAllByRole("listitem").map((l) => l.textContent?.replace("✔", "").replace("✘", "").trim());
    expect(checks(first)).toEqual(["Signature intacte", "Document inchangé depuis, hors signatures suivantes", "Certificat valide à cette date"]);
    expect(checks(second)).toEqual(["Signature intacte", "Document modifié après", "Certificat valide à cette date"]);
    // Core's detail of a failing signature is shown open, and only with its signature.
    expect(within(second).getByText(/Le document a été modifié après cette signature/)).toBeVisible();
    expect(within(dialog).getAllByText("Les octets signés sont intacts et la signature est bien celle du certificat.")).toHaveLength(2);
  });
});
