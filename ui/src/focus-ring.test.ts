// The focus ring is drawn everywhere: app.css draws it for :focus-visible and for every
// focus the app moves itself (lib/focus.ts), and nothing in the app takes it away.
import { describe, expect, it } from "vitest";
import appCss from "./app.css?raw";

const sources = import.meta.glob(["./App.svelte", "./lib/**/*.svelte", "./member/**/*.svelte"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

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

/** The rules of a style sheet (a component's <style> blocks, or a .css file): each
 * innermost `selector { declarations }`, comments removed, @media and @container opened. */
function cssRules(text: string): { selector: string; body: string }[] {
  const css = (text.includes("<style") ? [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!).join("\n") : text).replace(
    /\/\*[\s\S]*?\*\//g,
    "",
  );
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1]!.trim(), body: m[2]! }));
}

/** A selector list cut at its own commas (not those inside :is(), :has(), :not()…). */
function selectorList(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      out.push(selector.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(selector.slice(from).trim());
  return out;
}

/** The rules that draw an outline on a control that takes the keyboard, or on a field in
 * error, in any state but focus. In a component Svelte adds its class to the selector,
 * which then outweighs app.css's `:focus-visible` ring (0,1,0): the ring is hidden by it
 * exactly when the element has the focus, as « Voix délibérative » refused was (RGAA 10.7).
 * An error or a state is drawn with a border, a background or a box-shadow instead. */
function outlinesOverTheRing(text: string): string[] {
  const control = /(^|[\s>+~(])(input|select|textarea|button|summary|a)\b|\[tabindex|\[contenteditable|\[role="?(button|radio|checkbox|tab|option|gridcell|slider|switch)/;
  const error = /aria-invalid|:invalid|:user-invalid|\.(error|invalid|refused)\b/;
  return cssRules(text).flatMap(({ selector, body }) => {
    if (!/(^|;|\s)outline(-color|-style|-width)?\s*:/.test(body)) return [];
    if (/outline(-style)?\s*:\s*(none|0)\b/.test(body)) return []; // the test above
    return selectorList(selector)
      .filter((one) => !/:focus|:not\(:focus/.test(one))
      .filter((one) => {
        // What the rule draws on: the selector's last compound (`.check input`: the input).
        const subject = one.split(/\s*[\s>+~]\s*(?![^(\[]*[)\]])/).pop() ?? one;
        return control.test(` ${subject}`) || error.test(subject);
      });
  });
}

describe("the focus ring, over a state drawn by the app", () => {
  it("is never outweighed by an outline on an error or on a control out of focus", () => {
    const over = [...Object.entries(sources), ["./app.css", appCss] as const].flatMap(([file, text]) =>
      outlinesOverTheRing(text).map((selector) => `${file}: ${selector}`),
    );
    expect(over).toEqual([]);
  });

  it("finds such an outline where there is one (the check itself)", () => {
    // The rule MemberDialog.svelte had: the refused box kept a red outline with the focus.
    const before = `<div></div>\n<style>\n  .hint { color: red; }\n  select[aria-invalid="true"], input[type="checkbox"][aria-invalid="true"] { outline: 2px solid var(--danger); }\n</style>`;
    expect(outlinesOverTheRing(before)).toEqual(['select[aria-invalid="true"]', 'input[type="checkbox"][aria-invalid="true"]']);
    expect(outlinesOverTheRing(".field .error { outline-color: red; }")).toEqual([".field .error"]);
    expect(outlinesOverTheRing("@media (min-width: 1px) { .row button.picked { outline: 2px solid blue; } }")).toEqual([".row button.picked"]);
    // Not flagged: the ring itself, a state that keeps clear of the focus, a cell that never
    // takes the keyboard, an error drawn by its border.
    expect(outlinesOverTheRing(".x input:focus-visible, .x input:global([data-focus-moved]):focus { outline: 3px solid var(--focus); }")).toEqual([]);
    expect(outlinesOverTheRing('input[aria-invalid="true"]:not(:focus) { outline: 2px solid red; }')).toEqual([]);
    expect(outlinesOverTheRing("td.blocked { outline: 2px dashed red; }")).toEqual([]);
    expect(outlinesOverTheRing('input[aria-invalid="true"] { border: 2px solid red; box-shadow: 0 0 0 2px red; }')).toEqual([]);
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
