// Where the keyboard goes when the app moves it: back to the control that opened a dialog,
// a panel or a drawer as it closes; on to a sensible next place when the control it was on
// goes away. Never left on the page's body, where a keyboard or screen reader user is lost
// (and where Escape no longer reaches the panel on screen).

/** The mark of a focus the app moved itself; app.css draws its ring. Browsers draw
 * :focus-visible after a script's focus() only sometimes (WebKit, Tauri's engine on macOS
 * and Linux, not after a click), and whoever uses the keyboard must see where it went. The
 * mark goes at the next blur. */
const MOVED = "data-focus-moved";

/** A place to focus: an element, or a function finding it once the page has redrawn. */
export type FocusTarget = Element | null | undefined | (() => Element | null | undefined);

/** Focuses `el`, with its ring drawn; false if it is not on the page or cannot take the
 * focus (disabled, hidden). */
export function focusShown(el: Element | null | undefined): boolean {
  if (!(el instanceof HTMLElement) || !el.isConnected || el === document.body) return false;
  if ("disabled" in el && el.disabled === true) return false;
  el.setAttribute(MOVED, "");
  el.addEventListener("blur", () => el.removeAttribute(MOVED), { once: true });
  el.focus();
  if (document.activeElement === el) return true;
  el.removeAttribute(MOVED);
  return false;
}

/** Whether the keyboard is lost: on the body (its element was removed), on nothing, or on a
 * control just disabled (browsers blur it). */
export function focusLost(): boolean {
  const a = document.activeElement;
  if (a === null || a === document.body || a === document.documentElement || !a.isConnected) return true;
  return "disabled" in a && a.disabled === true;
}

/** The section's heading, focusable by script only: the last place to land. */
export function sectionHeading(): HTMLElement | null {
  const h = document.querySelector<HTMLElement>("#content h1") ?? document.querySelector<HTMLElement>("h1");
  if (h && !h.hasAttribute("tabindex")) h.tabIndex = -1;
  return h;
}

/** The element now drawn in place of `el` (same id), when Svelte redrew it. */
function redrawn(el: Element | null | undefined): Element | null {
  if (!el) return null;
  if (el.isConnected) return el;
  return el.id ? document.getElementById(el.id) : null;
}

/** Focuses the first of `targets` that takes the focus (an element redrawn is found again
 * by its id); the section's heading if none does. */
export function focusFirst(...targets: FocusTarget[]): boolean {
  for (const t of targets) {
    const el = typeof t === "function" ? t() : t;
    if (focusShown(redrawn(el))) return true;
  }
  return focusShown(sectionHeading());
}

/**
 * Gives the focus back to `opener` as a dialog, a panel or a drawer closes: at once (when
 * `closing` is given, only if the keyboard is in it or lost), and again once the page has
 * redrawn (the next task) if it ended on the body (the opener redrawn, or gone: then the first of
 * `fallbacks`, else the section's heading). Leaves it alone when it went elsewhere on
 * purpose (another dialog opened).
 */
export function returnFocus(opener: Element | null | undefined, closing?: Element | null, ...fallbacks: FocusTarget[]) {
  const a = document.activeElement;
  if (closing === undefined || focusLost() || (closing && a && closing.contains(a))) focusShown(redrawn(opener));
  // After the page has redrawn and after what the closing code does next (its own
  // `await tick()` may put the focus on purpose where the change shows).
  setTimeout(() => {
    if (focusLost()) focusFirst(opener, ...fallbacks);
  }, 0);
}

/** Whether a key press is Tab, with Shift or not. WebKitGTK names Shift+Tab « Unidentified »
 * (GTK sends it as ISO_Left_Tab, which WebKit does not name): its physical key says Tab. */
export function isTab(event: KeyboardEvent): boolean {
  return event.key === "Tab" || event.code === "Tab";
}

/** The element that has the keyboard now (to give it back later). */
export function focused(): HTMLElement | null {
  const a = document.activeElement;
  return a instanceof HTMLElement && a !== document.body ? a : null;
}

const TABBABLE =
  'a[href], button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

/** The controls after `from` in the keyboard's order (outside it), nearest first: where the
 * keyboard goes when `from` goes away. Taken before it goes. */
export function controlsAfter(from: Element): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (e) => !from.contains(e) && (from.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
  );
}
