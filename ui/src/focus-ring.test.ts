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

describe("the outlines that show a control", () => {
  it("stand out from the background, 3:1 at least: a field's border and the focus ring", () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    const variable = (name: string) => new RegExp(`--${name}:\\s*#([0-9a-f]{6})`).exec(appCss)![1]!;
    const field = /input,\s*select,\s*textarea\s*\{[^}]*border:\s*1px solid #([0-9a-f]{6})/.exec(appCss)![1]!;
    expect(contrast(field, variable("background"))).toBeGreaterThanOrEqual(3);
    expect(contrast(field, variable("surface"))).toBeGreaterThanOrEqual(3);
    expect(contrast(variable("focus"), variable("background"))).toBeGreaterThanOrEqual(3);
  });
});
