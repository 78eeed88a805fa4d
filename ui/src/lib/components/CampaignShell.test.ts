import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import CampaignShell from "./CampaignShell.svelte";
import { mockBackend, summary } from "../../test/mock-backend";

describe("CampaignShell", () => {
  it("says when the campaign is open to read only, and not otherwise", async () => {
    const { unmount } = render(CampaignShell, { backend: mockBackend(), summary: { ...summary, read_only: true }, onclose: vi.fn(), onnotice: vi.fn() });
    expect(await screen.findByText("Lecture seule.")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("aucune modification ne sera enregistrée");
    unmount();
    render(CampaignShell, { backend: mockBackend(), summary, onclose: vi.fn(), onnotice: vi.fn() });
    expect(screen.queryByText("Lecture seule.")).toBeNull();
  });
});
