// Status messages (RGAA 7.5): a result the page shows without moving the keyboard (a count
// after a search, a total, « courriel d'essai envoyé »…) is a `role="status"` region. RGAA's
// technical note reads a bare `aria-live="polite"` as a log (test 7.5.1), and a status region
// is polite by itself: no element carries `aria-live="polite"` without `role="status"`.
import { describe, expect, it } from "vitest";

const sources = import.meta.glob(["./App.svelte", "./lib/**/*.svelte", "./member/**/*.svelte"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** Each opening tag of a component's markup, attributes included (an attribute's `{…}` may
 * hold a `>`). */
function tags(text: string): string[] {
  const markup = text.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<style[\s\S]*?<\/style>/g, "");
  return [...markup.matchAll(/<[a-zA-Z][\w.-]*(?:[^>{]|\{[^}]*\})*>/g)].map((m) => m[0]);
}

describe("status messages", () => {
  it("are role=status: no polite live region is left a log", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const logs = Object.entries(sources).flatMap(([file, text]) =>
      tags(text)
        .filter((tag) => /aria-live="polite"/.test(tag) && !/role="status"/.test(tag))
        .map((tag) => `${file}: ${tag.replace(/\s+/g, " ")}`),
    );
    expect(logs).toEqual([]);
  });

  it("finds a bare polite region when there is one (the check itself)", () => {
    const bad = `<script>let n = 1;</script>\n<p class="count"\n  aria-live="polite" data-x={n > 0}>{n}</p>\n<p role="status" aria-live="polite">ok</p>`;
    expect(tags(bad).filter((tag) => /aria-live="polite"/.test(tag) && !/role="status"/.test(tag))).toHaveLength(1);
  });
});
