// The focus ring is drawn everywhere: app.css draws it for :focus-visible and for every
// focus the app moves itself (lib/focus.ts), and nothing in the app takes it away.
import { describe, expect, it } from "vitest";
import appCss from "./app.css?raw";

const sources = import.meta.glob(["./App.svelte", "./lib/**/*.svelte"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

describe("the focus ring", () => {
  it("is drawn for :focus-visible and for a focus the app moved (which WebKit would not draw)", () => {
    const rule = /:focus-visible,\s*\[data-focus-moved\]:focus\s*\{[^}]*outline:\s*3px solid var\(--focus\)/;
    expect(appCss).toMatch(rule);
  });

  it("is never removed by a screen or a component", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const removing = Object.entries(sources)
      .filter(([, text]) => /outline:\s*(none|0)\b/.test(text))
      .map(([file]) => file);
    expect(removing).toEqual([]);
    expect(appCss).not.toMatch(/outline:\s*(none|0)\b/);
  });
});
