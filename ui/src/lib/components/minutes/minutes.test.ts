import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import MinutesPanel from "./MinutesPanel.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { draft, sealedState, sealedVersion } from "../../../test/mock-minutes";
import type { AppError } from "../../bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

function setup(overrides = {}) {
  const backend = mockBackend(overrides);
  const onnotice = vi.fn();
  render(MinutesPanel, { backend, onnotice });
  return { backend, onnotice, user: userEvent.setup() };
}

describe("MinutesPanel", () => {
  it("previews the draft and seals it after asking, with the date of signature", async () => {
    const { backend, onnotice, user } = setup();
    expect(await screen.findByText("Projet — non scellé")).toBeInTheDocument();
    expect(screen.getByText("Fait à Amiens, le 17 janvier 2027")).toBeInTheDocument();
    expect(screen.getAllByRole("rowheader", { name: "COLIN Théo" })).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Sceller le procès-verbal…" }));
    const dialog = screen.getByRole("dialog", { name: "Sceller le procès-verbal ?" });
    const date = within(dialog).getByLabelText("Date de signature (JJ/MM/AAAA)");
    await user.clear(date);
    await user.type(date, "17/01/2027");
    await user.click(within(dialog).getByRole("button", { name: "Sceller" }));
    expect(backend.minutesSeal).toHaveBeenCalledWith({ signed_on: "17/01/2027", acting: "chair", acknowledgement: "" });
    expect(onnotice).toHaveBeenCalledWith("Procès-verbal scellé (version 1).");
    expect(await screen.findByText(sealedVersion.fingerprint)).toBeInTheDocument();
    expect(screen.getByText(/Scellé — version 1, le 17\/01\/2027 à 18 h 05/)).toBeInTheDocument();
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
    const dialog = screen.getByRole("dialog", { name: "Sceller le procès-verbal ?" });
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
    const dialog = screen.getByRole("dialog", { name: "Rouvrir le procès-verbal ?" });
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
