import ts from "typescript";
import { describe, expect, it } from "vitest";

// French typography in every string the window shows: a no-break space before « : »,
// « ; », « ! », « ? » and « », and after « «, so that a line never breaks before a colon
// or inside guillemets (at 200 % zoom, on a projector). Checked on the catalogues' source,
// strings and templates alike; the code between them (a ternary's « ? : ») is not text.
const sources = import.meta.glob(["./*.ts", "!./*.test.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;
// The components: their scripts, and the text of their markup between expressions
// (« {label}&nbsp;: {value} »).
const components = import.meta.glob(["../../**/*.svelte"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

const TEXT = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);

/** Every piece of text of `source` that breaks the rule, with its line. */
function plainSpaces(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (TEXT.has(node.kind) && !ts.isImportDeclaration(node.parent)) {
      const text = (node as ts.LiteralLikeNode).text;
      if (/ [:;!?»]|« /.test(text)) {
        const line = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
        found.push(`${file}:${line}: ${text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

/** The markup of a component with its scripts and styles left out, and the text of each
 * of its scripts. */
function parts(source: string): { markup: string; scripts: string[] } {
  const scripts: string[] = [];
  const markup = source
    .replace(/<script[^>]*>([\s\S]*?)<\/script>/g, (_, code: string) => {
      scripts.push(code);
      return "";
    })
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, "");
  return { markup, scripts };
}

/** Where `markup` has a plain space before « : », « ; », « ! », « ? » or « », or after
 * « «: in its text (outside tags and braces), and in the strings of its expressions. */
function plainMarkup(file: string, markup: string): string[] {
  // Each expression, however nested and over however many lines, becomes « {} »; the
  // lines are kept.
  let text = "";
  let depth = 0;
  let expression = "";
  const expressions: string[] = [];
  for (const c of markup) {
    if (c === "{") depth += 1;
    if (depth === 0 || c === "\n") text += c;
    if (depth > 0) expression += c;
    if (c === "}" && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        text += "{}";
        expressions.push(expression.slice(1, -1));
        expression = "";
      }
    }
  }
  const lines = markup.split("\n");
  const inText = text
    .split("\n")
    .flatMap((line, i) => (/(\}|[^\s"'=>{}]) [:;!?»](\s|<|\{|$)/.test(line.replace(/<[^<>]*>/g, "<>")) ? [`${file}: ${(lines[i] ?? "").trim()}`] : []));
  // The strings of the expressions (« {#if …} », « {#each …} » and the like read as
  // the expression they hold).
  const inExpressions = expressions.flatMap((e) => {
    const code = e
      .replace(/^[#:@/](if|else if|else|each|await|then|catch|key|html|const|render|snippet|debug)\b/, "")
      .replace(/\sas\s[\s\S]*$/, "");
    return plainSpaces(file, `(${code.trim() === "" ? "0" : code});`).map((f) => f.replace(/^(.*?):\d+:/, "$1:"));
  });
  return [...inText, ...inExpressions];
}

describe("the catalogues' typography", () => {
  it("reads every catalogue", () => {
    expect(Object.keys(sources)).toContain("./fr.ts");
    expect(Object.keys(sources).length).toBeGreaterThanOrEqual(12);
  });

  it("holds « : », « ; », « ! », « ? » and guillemets to their word with a no-break space", () => {
    const found = Object.entries(sources).flatMap(([file, source]) => plainSpaces(file, source));
    expect(found).toEqual([]);
  });

  it("holds to their word in the components' scripts and markup", () => {
    expect(Object.keys(components).length).toBeGreaterThan(40);
    const found = Object.entries(components).flatMap(([file, source]) => {
      const { markup, scripts } = parts(source);
      return [...scripts.flatMap((code) => plainSpaces(file, code)), ...plainMarkup(file, markup)];
    });
    expect(found).toEqual([]);
  });

  it("finds a plain space in a component's markup, not in its expressions", () => {
    expect(plainMarkup("x.svelte", "<p>{t.a} : {b}</p>\n<p>{t.a}&nbsp;: {b}</p>\n<b>{x ? y : z}</b>\n<strong>{t.missing} :</strong>")).toEqual([
      "x.svelte: <p>{t.a} : {b}</p>",
      "x.svelte: <strong>{t.missing} :</strong>",
    ]);
  });

  it("finds a plain space in a string and in a template, not in the code between", () => {
    const source = 'const a = "Total : 3";\nconst b = (n: number) => `${n > 1 ? "s" : ""} ; fin`;\nconst c = "«\\u00a0ok\\u00a0»\\u00a0?";';
    expect(plainSpaces("x.ts", source)).toEqual(["x.ts:1: Total : 3", "x.ts:2:  ; fin"]);
  });
});
