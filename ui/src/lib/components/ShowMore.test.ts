import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import ShowMoreList from "../../test/ShowMoreList.svelte";
import { people } from "../../test/mock-names";

const nb = "\u00a0";
const names = (n: number) => people(n).map((p) => p.display);
// Rows counted and buttons found without the accessibility tree's roles: hundreds of rows
// are slow to read that way.
const rows = () => [...document.querySelectorAll("tbody tr")];
const button = (name: string) => screen.getByText(name, { selector: "button" });
/** The line under the list (not what the status region says), its digits grouped by
 * no-break spaces. */
const line = () => screen.queryByText(/ sur .* affichés$/, { ignore: "script, style, [role=status]" })?.textContent;
const status = () => screen.queryByRole("status")?.textContent;

describe("ShowMore", () => {
  it("adds nothing under a list that fits in its first page", () => {
    render(ShowMoreList, { names: names(60) });
    expect(rows()).toHaveLength(60);
    expect(line()).toBeUndefined();
    expect(screen.queryByRole("button", { name: /^Afficher/ })).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("shows 200 rows of 10 000, says so with grouped digits, and pressed shows 200 more, says it politely and keeps the keyboard", async () => {
    const user = userEvent.setup();
    render(ShowMoreList, { names: [...names(450), ...Array.from({ length: 9550 }, (_, i) => `CANDIDAT ${i}`)] });
    expect(rows()).toHaveLength(200);
    expect(line()).toBe(`200 sur 10${nb}000 candidats affichés`);
    const more = button("Afficher les 200 candidats suivants");
    expect(status()).toBe("");
    more.focus();
    await user.keyboard("{Enter}");
    expect(rows()).toHaveLength(400);
    expect(line()).toBe(`400 sur 10${nb}000 candidats affichés`);
    expect(status()).toBe(`400 sur 10${nb}000 candidats affichés`);
    expect(more).toHaveFocus();
  });

  it("shows the last rows with their own wording, then the keyboard on the first of them", async () => {
    const user = userEvent.setup();
    render(ShowMoreList, { names: names(450) });
    await user.click(button("Afficher les 200 candidats suivants"));
    expect(line()).toBe("400 sur 450 candidats affichés");
    const last = button("Afficher les 50 derniers candidats");
    await user.click(last);
    expect(rows()).toHaveLength(450);
    expect(line()).toBeUndefined();
    expect(last).not.toBeInTheDocument();
    expect(status()).toBe("Les 450 candidats sont tous affichés.");
    // The 401st row's control.
    expect(button(names(450)[400]!)).toHaveFocus();
  });

  it("comes back to the first page with another search, and keeps its page when the list is read again", async () => {
    const user = userEvent.setup();
    render(ShowMoreList, { names: names(450) });
    await user.click(button("Afficher les 200 candidats suivants"));
    await user.click(button("Relire"));
    expect(rows()).toHaveLength(400);
    expect(line()).toBe("400 sur 450 candidats affichés");
    // 420 names hold an « e » (not « LUCAS »…): another list, from its first page.
    const search = document.getElementById("list-search")!;
    await user.type(search, "e");
    expect(rows()).toHaveLength(200);
    expect(line()).toMatch(/^200 sur 4\d\d candidats affichés$/);
    await user.clear(search);
    expect(rows()).toHaveLength(200);
    expect(line()).toBe("200 sur 450 candidats affichés");
    // A search that leaves fewer than a page: no line, no button.
    await user.type(search, "lefevre");
    expect(rows()).toHaveLength(15);
    expect(line()).toBeUndefined();
    expect(screen.queryByText(/^Afficher/, { selector: "button" })).toBeNull();
  });
});
