// Small helpers shared by the commission's forms.
import { tick } from "svelte";
import type { AppError } from "../../bindings";
import { focusShown } from "../../focus";

/** Core's per-field messages, by field name. */
export function fieldMessages(error: AppError | null): Record<string, string> {
  return Object.fromEntries((error?.details ?? []).map((d) => [d.field, d.message]));
}

/** Moves the focus to the first field core found wrong, once the DOM shows it, with its
 * ring drawn even after a click (WebKit would not draw it for a focus given by a script). */
export function focusFirstInvalid(root: HTMLElement | undefined) {
  void tick().then(() => focusShown(root?.querySelector<HTMLElement>("[aria-invalid='true']")));
}

/** "2027-01-14" -> "14/01/2027", as the user types it (the one helper of the UI). */
export { isoToFrench } from "../../text";
