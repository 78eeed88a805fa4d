// Small display helpers of the dossiers: file paths, letters written, reasons.
import type { LetterFile, LetterKind } from "../../bindings";
import { fr } from "../../i18n/fr";

/** The folder part of a path ("/home/a/b.pdf" -> "/home/a"), whatever the separator. */
export function folderOf(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i > 0 ? path.slice(0, i) : path;
}

/** The file part of a path ("/home/a/b.pdf" -> "b.pdf"). */
export function fileOf(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(i + 1);
}

/**
 * What to tell once letters are written: where, and how many (one per candidate; the
 * file that gathers them has no candidate). With `candidate`, the letter of that one.
 */
export function lettersNotice(kind: LetterKind, files: LetterFile[], candidate?: number): string {
  const t = fr.dossier.letters;
  const own = files.filter((f) => f.candidate_id !== null);
  if (candidate !== undefined) {
    const mine = own.find((f) => f.candidate_id === candidate) ?? files[0];
    return mine ? t.writtenOne(fileOf(mine.path), folderOf(mine.path)) : "";
  }
  const first = files[0];
  return first ? t.written(kind, own.length, folderOf(first.path)) : "";
}

/** Core's reasons are fragments ("dossier reçu le…"): shown as sentences in lists. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
