// Text helpers: searching as people type (case and accents do not matter), and French
// counts. Their rules are core's (crates/core/src/fr.rs), read from the bindings' catalogue.
import { CATALOGUE } from "./bindings";

/** Lower case, accents removed, « œ » and « æ » written « oe » and « ae »: "Lefèvre" and
 * "LEFEVRE" both give "lefevre", "CŒUR" gives "coeur". Core's `fr::search_fold`: its unit test
 * reads the pairs core folded (`CATALOGUE.fold_examples`). */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae");
}

/** Whether every word typed appears in `text`, in any order, ignoring case, accents,
 * hyphens and apostrophes: "pierre louis", "bensaid pierre" and "Pierre-Louis" all find
 * "BENSAÏD Pierre-Louis"; "ndiaye" finds "N'DIAYE". */
export function matches(text: string, query: string): boolean {
  return matcher(query)(text);
}

/** {@link matches} for a whole list: the query folded once, not once per name. */
export function matcher(query: string): (text: string) => boolean {
  const words = queryWords(query);
  return (text) => found(searchable(text), words);
}

/** A text folded once to be searched many times ({@link found}): hyphens and apostrophes
 * read as spaces, and apostrophes also dropped. */
export interface Searchable {
  spaced: string;
  squashed: string;
}

export function searchable(text: string): Searchable {
  const folded = fold(text);
  return { spaced: folded.replace(/[-'’]/g, " "), squashed: folded.replace(/['’]/g, "") };
}

/** The words of what was typed in a search field, folded; none when it is blank. */
export function queryWords(query: string): string[] {
  return fold(query).split(/[\s\-'’]+/).filter((w) => w !== "");
}

/** Whether every word typed is in `text` ({@link matches}, the text folded beforehand). */
export function found(text: Searchable, words: string[]): boolean {
  return words.every((w) => text.spaced.includes(w) || text.squashed.includes(w));
}

/** Whether `n` takes the plural in French (core's threshold, `fr::PLURAL_FROM`). */
export const isMany = (n: number): boolean => n >= CATALOGUE.plural_from;
/** The form that agrees with `n` when the number is not right before it: « 0 membre sur 7
 * a noté », « 3 membres sur 7 ont noté » (French: the singular up to one). */
export const agree = (n: number, one: string, many: string): string => (isMany(n) ? many : one);

/** A whole number as French writes it: digits grouped by three from 1 000 on, with no-break
 * spaces (« 9 121 »); core's `fr::integer`. */
export const integer = (n: number): string =>
  Number.isInteger(n) && Math.abs(n) >= 1000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0") : String(n);

/** A noun as a count takes it: « 1 dossier », « 200 dossiers »; its gender makes the words
 * around it agree (« séances affichées », « les 25 séances suivantes »). */
export interface Noun {
  one: string;
  many: string;
  feminine?: boolean;
}

/** « 1 contrat », « 3 contrats », « 0 contrat », « 9 121 candidats » (French: the singular up
 * to one, the digits grouped); tested on the counts core wrote (`CATALOGUE.count_examples`). */
export const plural = (n: number, one: string, many: string): string => `${integer(n)} ${agree(n, one, many)}`;

/** « 2 sur 60 candidats », « 9 121 sur 10 000 dossiers »: part of a count, digits grouped. */
export const partOf = (n: number, total: number, one: string, many: string): string => `${integer(n)} sur ${plural(total, one, many)}`;

/** What a filtered list shows: « 60 candidats » when it is all of them, else « 2 sur 60 candidats ». */
export const shownOf = (shown: number, total: number, one: string, many: string): string =>
  shown === total ? plural(total, one, many) : partOf(shown, total, one, many);

/** "2026-12-01" -> "01/12/2026", as people read and type a date; anything else unchanged.
 * The window's one date helper: core's `fr::date_short`, tested on the pairs core formatted
 * (`CATALOGUE.date_examples`). */
export function isoToFrench(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Today's date on this computer (not the UTC one, which is yesterday just after
 * midnight), ISO: "2027-01-14". */
export function todayIso(now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** « 3 points sont à corriger » (French counts: the singular up to one): the heading of a
 * list of refusals, the one place it is written. */
export const toFix = (n: number): string => `${plural(n, "point est", "points sont")} à corriger`;
