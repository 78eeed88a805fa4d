// Moving a card of the timetable with the pointer (mouse, pen or finger), with Pointer Events
// rather than HTML5 drag and drop: the Tauri window accepts dropped files for the imports,
// which stops HTML5 drag and drop inside the page on Windows (the universities' machines)
// and makes it unreliable on WebKitGTK.
//
// A press becomes a drag once the pointer has moved more than a few pixels; a press
// released before that stays a click (activation opens the move dialog). While dragging,
// the cell under the pointer is found with `elementFromPoint`; Escape cancels; the click
// that ends a drag is swallowed so that it does not open the dialog too.
import { cellAt, type Cell } from "./grid";

/** How far (px) the pointer moves before a press becomes a drag. */
export const DRAG_THRESHOLD = 4;

export interface Point {
  x: number;
  y: number;
}

export interface DragHandlers {
  /** The press became a drag; `offset` is where the card was held, from its top left corner. */
  onstart: (at: Point, offset: Point, width: number) => void;
  /** The pointer moved (or the page scrolled under it): where it is and the cell under it. */
  onmove: (at: Point, cell: Cell | null) => void;
  /** Released over `cell` (null: outside the timetable). */
  ondrop: (cell: Cell | null) => void;
  /** The drag is over: dropped (`cancelled` false), Escape or cancelled by the system. */
  onend: (cancelled: boolean) => void;
}

/** Starts following a press on a card (call it from the card's pointerdown). */
export function pressCard(event: PointerEvent, handlers: DragHandlers): void {
  if (event.button !== 0 || !event.isPrimary) return;
  if (!(event.currentTarget instanceof HTMLElement)) return;
  const card: HTMLElement = event.currentTarget;
  const id = event.pointerId;
  const origin: Point = { x: event.clientX, y: event.clientY };
  const box = card.getBoundingClientRect();
  let at: Point = origin;
  let dragging = false;
  let cancelled = false;
  let frame = 0;

  try {
    card.setPointerCapture(id);
  } catch {
    // Not an active pointer (or no capture here): the window's listeners still follow it.
  }

  const mine = (e: PointerEvent) => e.pointerId === id;

  function move(e: PointerEvent) {
    if (!mine(e) || cancelled) return;
    at = { x: e.clientX, y: e.clientY };
    if (!dragging) {
      if (Math.hypot(at.x - origin.x, at.y - origin.y) <= DRAG_THRESHOLD) return;
      dragging = true;
      handlers.onstart(at, { x: origin.x - box.left, y: origin.y - box.top }, box.width);
      scrollLoop();
    }
    e.preventDefault();
    handlers.onmove(at, cellAt(at.x, at.y));
  }

  function up(e: PointerEvent) {
    if (!mine(e)) return;
    const was = dragging || cancelled;
    if (dragging && !cancelled) handlers.ondrop(cellAt(e.clientX, e.clientY));
    finish(false);
    if (was) swallowClick();
  }

  function cancel(e: PointerEvent) {
    if (mine(e)) finish(true);
  }

  function key(e: KeyboardEvent) {
    if (e.key !== "Escape" || !dragging || cancelled) return;
    e.preventDefault();
    e.stopPropagation();
    cancelled = true;
    dragging = false;
    cancelAnimationFrame(frame);
    handlers.onend(true);
  }

  function finish(system: boolean) {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    window.removeEventListener("pointercancel", cancel);
    window.removeEventListener("keydown", key, true);
    cancelAnimationFrame(frame);
    try {
      if (card.hasPointerCapture(id)) card.releasePointerCapture(id);
    } catch {
      // Already released.
    }
    if (dragging) handlers.onend(system);
    dragging = false;
  }

  // Near the top or bottom edge of what scrolls, the page scrolls while the card is held.
  function scrollLoop() {
    if (typeof requestAnimationFrame !== "function") return;
    const scroller = scrollerOf(card);
    if (!scroller) return;
    const step = () => {
      if (!dragging) return;
      const r = scroller === document.scrollingElement ? { top: 0, bottom: window.innerHeight } : scroller.getBoundingClientRect();
      const edge = 48;
      const dy = at.y < r.top + edge ? -(r.top + edge - at.y) : at.y > r.bottom - edge ? at.y - (r.bottom - edge) : 0;
      if (dy !== 0 && r.bottom > r.top) {
        const before = scroller.scrollTop;
        scroller.scrollTop += Math.max(-20, Math.min(20, Math.round(dy / 2)));
        if (scroller.scrollTop !== before) handlers.onmove(at, cellAt(at.x, at.y));
      }
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
  }

  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
  window.addEventListener("pointercancel", cancel);
  window.addEventListener("keydown", key, true);
}

/** The click the browser sends after a drag's release: not an activation of the card. */
function swallowClick() {
  const disarm = () => {
    window.removeEventListener("click", swallow, true);
    window.removeEventListener("pointerdown", disarm, true);
  };
  const swallow = (e: MouseEvent) => {
    e.stopPropagation();
    e.preventDefault();
    disarm();
  };
  window.addEventListener("click", swallow, true);
  // The click, if any, comes in the same task as the release; a new press is a new gesture.
  window.addEventListener("pointerdown", disarm, true);
  setTimeout(disarm, 0);
}

/** The nearest ancestor that scrolls vertically, or the document. */
function scrollerOf(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && p.scrollHeight > p.clientHeight) return p;
  }
  const doc = document.scrollingElement;
  return doc instanceof HTMLElement && doc.scrollHeight > doc.clientHeight ? doc : null;
}
