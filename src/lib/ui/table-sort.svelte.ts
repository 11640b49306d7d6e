/**
 * Which column a table is sorted by, and which way. Clicking a column's header sorts by it; a
 * second click reverses it. `ascendingFirst` says which columns start ascending (names, q-values)
 * rather than largest first.
 */
export class TableSort<K extends string> {
  key: K;
  ascending: boolean;

  constructor(
    initial: K,
    private readonly ascendingFirst: (key: K) => boolean,
  ) {
    this.key = $state(initial);
    this.ascending = $state(ascendingFirst(initial));
  }

  by(key: K): void {
    if (this.key === key) this.ascending = !this.ascending;
    else {
      this.key = key;
      this.ascending = this.ascendingFirst(key);
    }
  }

  /** The header's `aria-sort`. */
  ariaSort(key: K): 'ascending' | 'descending' | 'none' {
    if (this.key !== key) return 'none';
    return this.ascending ? 'ascending' : 'descending';
  }
}
