/**
 * Computed open-data tables, kept while the data they stand on is unchanged (getDataVersion) and
 * the org-unit tree is the same: a composite for every province over a year is tens of seconds of
 * queries on the embedded database, and the public asks for the same few tables again and again.
 * A pending computation is shared by concurrent requests. Bounded by the rows kept (a table may
 * hold 20,000), not only by entries, so a client varying its query cannot fill the memory; the
 * oldest entry goes first.
 */
import type { OrgUnitTree } from '../../shared/domain/orgUnitTree';
import type { OpenValuesTable } from '../../shared/openData/types';

interface Entry {
  version: string;
  tree: OrgUnitTree;
  table: Promise<OpenValuesTable>;
  /** its rows once computed (0 while pending) */
  rows: number;
}

export class OpenDataCache {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly maxEntries = 200,
    private readonly maxRows = 400_000,
  ) {}

  get(key: string, version: string, tree: OrgUnitTree, compute: () => Promise<OpenValuesTable>): Promise<OpenValuesTable> {
    const found = this.entries.get(key);
    if (found && found.version === version && found.tree === tree) return found.table;
    const table = compute();
    this.entries.delete(key);
    const entry: Entry = { version, tree, table, rows: 0 };
    this.entries.set(key, entry);
    table.then(
      (t) => {
        entry.rows = t.rows.length;
        this.evict();
      },
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    this.evict();
    return table;
  }

  private evict(): void {
    let rows = 0;
    for (const e of this.entries.values()) rows += e.rows;
    while (this.entries.size > this.maxEntries || (rows > this.maxRows && this.entries.size > 1)) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.entries.delete(oldestKey);
      rows -= oldest.rows;
    }
  }
}
