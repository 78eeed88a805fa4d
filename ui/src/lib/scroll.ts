// A wide table's own frame, which scrolls sideways when the text is enlarged or the window
// narrow (RGAA 10.11 lets a data table scroll in two dimensions; the page itself does not).
// While it scrolls, the frame takes the keyboard itself, so that the arrows scroll it even
// when the table holds no control (RGAA 7.3, WCAG 2.1.1), and it is named after its table;
// when it does not, it is no Tab stop at all.

/** The name of the frame's table: its caption, its label, or the heading of its part. */
function tableName(frame: HTMLElement): string {
  const table = frame.querySelector("table");
  const caption = table?.querySelector("caption")?.textContent?.trim();
  if (caption) return caption;
  const labelledby = table?.getAttribute("aria-labelledby");
  if (labelledby) {
    const text = labelledby
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
      .join(" ")
      .trim();
    if (text) return text;
  }
  const label = table?.getAttribute("aria-label");
  if (label) return label;
  return frame.closest("section, [role=dialog]")?.querySelector("h2, h3")?.textContent?.trim() ?? "";
}

/** Svelte action for `<div class="table-scroll">` around a table. */
export function scrollFrame(frame: HTMLElement) {
  const update = () => {
    if (frame.scrollWidth > frame.clientWidth + 1) {
      frame.tabIndex = 0;
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", tableName(frame));
    } else {
      frame.removeAttribute("tabindex");
      frame.removeAttribute("role");
      frame.removeAttribute("aria-label");
    }
  };
  update();
  if (typeof ResizeObserver === "undefined") return {};
  // The frame's width follows the window; the table's, the text and the rows.
  const observer = new ResizeObserver(update);
  observer.observe(frame);
  const table = frame.querySelector("table");
  if (table) observer.observe(table);
  return { destroy: () => observer.disconnect() };
}
