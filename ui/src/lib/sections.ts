// The campaign's sections, in the navigation's order, and their keyboard shortcuts: the
// shell, the « À propos » dialog and the home screen's line say the same keys.
import { fr } from "./i18n/fr";

export type Section =
  | "dashboard"
  | "candidates"
  | "import"
  | "dossiers"
  | "commission"
  | "schedule"
  | "grid"
  | "scoring"
  | "ranking"
  | "allocation"
  | "minutes"
  | "settings"
  | "journal"
  | "mails"
  | "backups";

export const sections: { id: Section; label: string }[] = [
  { id: "dashboard", label: fr.shell.dashboard },
  { id: "candidates", label: fr.shell.candidates },
  { id: "import", label: fr.shell.import },
  { id: "dossiers", label: fr.shell.dossiers },
  { id: "commission", label: fr.shell.commission },
  { id: "schedule", label: fr.shell.schedule },
  { id: "grid", label: fr.shell.grid },
  { id: "scoring", label: fr.shell.scoring },
  { id: "ranking", label: fr.shell.ranking },
  { id: "allocation", label: fr.shell.allocation },
  { id: "minutes", label: fr.shell.minutes },
  { id: "settings", label: fr.shell.settings },
  { id: "journal", label: fr.shell.journal },
  { id: "mails", label: fr.shell.mails },
  { id: "backups", label: fr.shell.backups },
];

/**
 * The keys of the section at `index`: Alt+1 to Alt+9 and Alt+0 for the first ten, then
 * Alt+Shift+1 onwards (« Alt+Maj+1 » on a French keyboard). `aria` is the attribute's
 * form (aria-keyshortcuts), `shown` the words on screen.
 */
export function sectionKeys(index: number): { aria: string; shown: string } {
  const shift = index >= 10;
  const digit = shift ? index - 9 : (index + 1) % 10;
  return { aria: shift ? `Alt+Shift+${digit}` : `Alt+${digit}`, shown: fr.shell.keys(shift, digit) };
}

/**
 * The section a key press asks for, if any. Read from the key's place, not its character:
 * on a French (AZERTY) keyboard the digits are the shifted characters of their keys, and
 * Alt+1 gives « & ».
 */
export function sectionOfKey(event: KeyboardEvent): Section | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
  if (!m) return null;
  const digit = Number(m[1]);
  const index = event.shiftKey ? (digit >= 1 ? digit + 9 : -1) : digit === 0 ? 9 : digit - 1;
  return sections[index]?.id ?? null;
}
