/**
 * Computed open-data tables, kept while the data they stand on is unchanged (getDataVersion) and
 * the org-unit tree is the same: a composite for every province over a year is tens of seconds of
 * queries on the embedded database, and the public asks for the same few tables again and again.
 * A pending computation is shared by concurrent requests. Bounded; the oldest entry goes first.
 */
import type { OrgUnitTree } from '../../shared/domain/orgUnitTree';
import type { OpenValuesTable } from '../../shared/openData/types';

interface Entry {
  version: string;
  tree: OrgUnitTree;
  table: Promise<OpenValuesTable>;
}

export class OpenDataCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly maxEntries = 200) {}

  get(key: string, version: string, tree: OrgUnitTree, compute: () => Promise<OpenValuesTable>): Promise<OpenValuesTable> {
    const found = this.entries.get(key);
    if (found && found.version === version && found.tree === tree) return found.table;
    const table = compute();
    this.entries.delete(key);
    this.entries.set(key, { version, tree, table });
    table.catch(() => this.entries.get(key)?.table === table && this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return table;
  }
}
