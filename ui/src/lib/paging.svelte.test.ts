// The rows a long list shows: a page of 200, 200 more at a time, back to the first page
// when the list shows something else, kept when the same list is read again.
import { describe, expect, it } from "vitest";
import { PAGE, Paging, fit } from "./paging.svelte";

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("fit", () => {
  it("takes a page of one-row items, or what is left", () => {
    expect(fit(numbers(450), 0, PAGE)).toBe(200);
    expect(fit(numbers(450), 400, PAGE)).toBe(50);
    expect(fit(numbers(450), 450, PAGE)).toBe(0);
  });

  it("takes the items whose rows fit in the page, and one at least however large", () => {
    // A sitting and its sheet of 7 members: 9 rows.
    expect(fit(numbers(202), 0, PAGE, () => 9)).toBe(22);
    expect(fit(numbers(3), 0, PAGE, () => 500)).toBe(1);
    expect(fit([150, 40, 20, 5], 0, PAGE, (x) => x)).toBe(2);
  });
});

describe("Paging", () => {
  it("shows the first 200 items, then 200 more at a time, then the rest", () => {
    const p = new Paging({ items: () => numbers(450) });
    expect(PAGE).toBe(200);
    expect([p.shown, p.remaining, p.next, p.paged]).toEqual([200, 250, 200, true]);
    expect(p.visible).toEqual(numbers(200));
    expect(p.more()).toBe(200);
    expect([p.shown, p.remaining, p.next]).toEqual([400, 50, 50]);
    expect(p.more()).toBe(400);
    expect([p.shown, p.remaining, p.next]).toEqual([450, 0, 0]);
  });

  it("is not paged when the list fits in its first page", () => {
    const p = new Paging({ items: () => numbers(60) });
    expect([p.shown, p.remaining, p.paged]).toEqual([60, 0, false]);
  });

  it("goes back to the first page with another kind of list, even one seen before, and keeps its page when the list is read again", () => {
    let items = $state(numbers(450));
    let query = $state("");
    const p = new Paging({ items: () => items, kind: () => [query, "all"] });
    p.more();
    expect(p.shown).toBe(400);
    // Read again after an edit: the same list, the same page.
    items = numbers(450).map((n) => n);
    expect(p.shown).toBe(400);
    // Another search, then back to none: another list each time.
    query = "mar";
    expect(p.shown).toBe(200);
    p.more();
    expect(p.shown).toBe(400);
    query = "";
    expect(p.shown).toBe(200);
    p.more();
    p.reset();
    expect(p.shown).toBe(200);
  });

  it("counts an item of several rows against the page", () => {
    const sittings = numbers(202);
    const p = new Paging({ items: () => sittings, size: () => 9 });
    expect([p.shown, p.next, p.total]).toEqual([22, 22, 202]);
    p.more();
    expect(p.shown).toBe(44);
  });

  it("shows pages up to an item asked for", () => {
    const p = new Paging({ items: () => numbers(450) });
    p.reveal(120);
    expect(p.shown).toBe(200);
    p.reveal(401);
    expect(p.shown).toBe(450);
    const q = new Paging({ items: () => numbers(450) });
    q.reveal(-1);
    q.reveal(9999);
    expect(q.shown).toBe(200);
  });

  it("counts the items not read yet, and has nothing to add until they are", () => {
    let loaded = $state(numbers(200));
    const p = new Paging({ items: () => loaded, total: () => 8730 });
    expect([p.shown, p.total, p.remaining, p.next]).toEqual([200, 8730, 8530, 0]);
    loaded = numbers(400);
    expect([p.shown, p.next]).toEqual([200, 200]);
  });
});
