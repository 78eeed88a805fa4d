// Long lists drawn a page at a time: a national campaign has 10 000 candidates, and a screen
// that draws them all at once makes the window slow and heavy. A list shows its first
// `PAGE` rows, then `PAGE` more each time « Afficher les … suivants » is pressed
// (./components/ShowMore.svelte draws that line and button). The count of rows shown goes
// back to the first page when what the list shows changes in kind (another search, filter,
// sort or tab: the list's `kind`); it stays when the same list is read again after an edit.

/** The rows a list shows at first, and the rows each « Afficher … » adds. */
export const PAGE = 200;

/**
 * How many of `items`, from `from` on, fit in `rows` rows, `size` giving the rows each one
 * takes (a sitting and its attendance sheet, a day of the timetable; one by default): at
 * least one while any is left, however large.
 */
export function fit<T>(items: readonly T[], from: number, rows: number, size?: (item: T) => number): number {
  const left = Math.max(0, items.length - from);
  if (!size) return Math.min(rows, left);
  let used = 0;
  let n = 0;
  while (n < left) {
    used += Math.max(1, size(items[from + n]!));
    if (used > rows && n > 0) break;
    n++;
  }
  return n;
}

/** What a paged list is drawn from, read again whenever it changes. */
export interface PagingSource<T> {
  /** The list's items, in the order shown (filtered and sorted already). */
  items: () => readonly T[];
  /** What the list shows, in kind (a search typed, a filter, a sort, a tab): when it
   * changes (compared by value), the list goes back to its first page. */
  kind?: () => unknown;
  /** The rows an item takes, when an item is more than one row. */
  size?: (item: T) => number;
  /** How many items the list counts, when `items` holds only the first ones (the journal,
   * read from core a page at a time). */
  total?: () => number;
}

/** The rows of a list shown so far (see the top of this file). */
export class Paging<T> {
  // Set by the constructor; read by the values below only once they are asked for.
  readonly #source: PagingSource<T> = { items: () => [] };
  #kind = $derived(JSON.stringify(this.#source.kind?.() ?? null));
  /** The items shown once « Afficher … » was pressed; `null` on the first page. Set back
   * to `null` whenever the kind changes (a derived value may be overwritten until then). */
  #grown = $derived.by((): number | null => {
    void this.#kind;
    return null;
  });

  readonly items = $derived.by(() => this.#source.items());
  /** The items the first page holds. */
  readonly first = $derived(fit(this.items, 0, PAGE, this.#source.size));
  /** How many items are shown. */
  readonly shown = $derived(Math.min(this.items.length, this.#grown ?? this.first));
  readonly visible = $derived(this.items.slice(0, this.shown));
  /** How many items the list counts. */
  readonly total = $derived(Math.max(this.#source.total?.() ?? 0, this.items.length));
  /** How many are not shown yet. */
  readonly remaining = $derived(this.total - this.shown);
  /** How many « Afficher … » adds (0 when the items after the shown ones are still to be
   * read, see `total`). */
  readonly next = $derived(fit(this.items, this.shown, PAGE, this.#source.size));
  /** Whether the list is longer than its first page: then it says how much it shows. */
  readonly paged = $derived(this.total > this.first);

  constructor(source: PagingSource<T>) {
    this.#source = source;
  }

  /** Shows the next page; returns the index of the first item it shows. */
  more(): number {
    const from = this.shown;
    this.#grown = from + this.next;
    return from;
  }

  /** Shows pages until the item at `index` is shown (a row the keyboard or a move goes to). */
  reveal(index: number) {
    if (index < 0 || index >= this.items.length) return;
    while (this.shown <= index && this.next > 0) this.more();
  }

  /** Back to the first page. */
  reset() {
    this.#grown = null;
  }
}
