import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import MailsList from "./MailsList.svelte";
import CandidateMails from "./CandidateMails.svelte";
import CandidateEditor from "../CandidateEditor.svelte";
import { candidate, mockBackend } from "../../../test/mock-backend";
import { mailLines } from "../../../test/mock-mail";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

describe("MailsList", () => {
  it("lists every message with its date, candidate, address, subject, outcome and letter's fingerprint", async () => {
    const backend = mockBackend();
    render(MailsList, { backend });
    const table = await screen.findByRole("table", { name: "Courriels envoyés aux candidats, du plus récent au plus ancien" });
    expect(backend.mails).toHaveBeenCalledWith(null);
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
      "Date",
      "Candidat",
      "Adresse",
      "Objet",
      "Résultat",
      "Lettre jointe (SHA-256)",
    ]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    // Newest first, as core lists them: the refusal with the server's answer.
    expect(within(rows[0]!).getByRole("rowheader")).toHaveTextContent("MARTIN Adrien");
    expect(rows[0]).toHaveTextContent("12/01/2027 à 9 h 06");
    expect(rows[0]).toHaveTextContent("adrien.martin@etu.demo-jules-verne.fr");
    expect(rows[0]).toHaveTextContent("Refusé 550 5.1.1 Mailbox unknown");
    expect(rows[1]).toHaveTextContent("Envoyé 250 2.0.0 Ok: queued as 4F2A1");
    expect(rows[1]).toHaveTextContent("Convocation à l'entretien CESP — jeudi 14 janvier 2027 à 8 h 30");
    // The fingerprint abbreviated, whole in its tooltip and for screen readers.
    const hash = mailLines[1]!.attachment_sha256;
    const code = within(rows[1]!).getByTitle(hash);
    expect(code).toHaveTextContent(`${hash.slice(0, 12)}…`);
    expect(within(code).getByText(`empreinte complète : ${hash}`)).toHaveClass("visually-hidden");
    expect(screen.getByRole("status")).toHaveTextContent("3 courriels");
  });

  it("filters by kind", async () => {
    render(MailsList, { backend: mockBackend() });
    const user = userEvent.setup();
    const kind = await screen.findByLabelText("Type");
    expect(within(kind).getAllByRole("option").map((o) => o.textContent)).toEqual(["Tous", "Convocations (2)", "Accusés de réception (1)"]);
    await user.selectOptions(kind, "Accusés de réception (1)");
    expect(screen.getAllByRole("row").slice(1)).toHaveLength(1);
    expect(screen.getByRole("status")).toHaveTextContent("1 sur 3 courriels");
  });

  it("says when nothing was sent yet", async () => {
    render(MailsList, { backend: mockBackend({ mails: vi.fn(() => ok([])) }) });
    expect(await screen.findByText("Aucun courriel envoyé pour l'instant.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("CandidateMails", () => {
  it("lists one candidate's messages", async () => {
    const backend = mockBackend();
    render(CandidateMails, { backend, candidate: 43 });
    const section = screen.getByRole("region", { name: "Courriels" });
    const items = await within(section).findAllByRole("listitem");
    expect(backend.mails).toHaveBeenCalledWith(43);
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("12/01/2027 à 9 h 05 — convocation");
    expect(items[0]).toHaveTextContent("noemie.bernard@etu.demo-jules-verne.fr");
    expect(items[0]).toHaveTextContent("Envoyé (250 2.0.0 Ok: queued as 4F2A1)");
    expect(items[1]).toHaveTextContent("20/11/2026 à 16 h 40 — accusé de réception");
  });

  it("says when none was sent", async () => {
    render(CandidateMails, { backend: mockBackend(), candidate: 99 });
    expect(await screen.findByText("Aucun courriel envoyé à ce candidat.")).toBeInTheDocument();
  });

  it("is on the candidate's record, not on a new candidate's form", async () => {
    const backend = mockBackend();
    const { unmount } = render(CandidateEditor, { backend, candidate: candidate(12, "MARTIN", "Adrien"), onsaved: vi.fn(), onclose: vi.fn() });
    const section = await screen.findByRole("region", { name: "Courriels" });
    expect(await within(section).findByText(/Refusé/)).toBeInTheDocument();
    expect(backend.mails).toHaveBeenCalledWith(12);
    unmount();
    render(CandidateEditor, { backend, candidate: null, onsaved: vi.fn(), onclose: vi.fn() });
    expect(screen.queryByRole("region", { name: "Courriels" })).toBeNull();
  });
});
