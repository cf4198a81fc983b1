/**
 * How a store learns that another connection — another process on the same file — committed. SQLite counts
 * such commits (`PRAGMA data_version`); PostgreSQL offers nothing as cheap, so a PostgreSQL store keeps no reads.
 */
export interface CommitWatch {
  /** Changes whenever another connection has committed since the last call; never for this connection's own. */
  version(): number;
}

/**
 * Values read from one table, kept while nobody can have changed them: no other connection committed
 * (the watch's version is the one seen when the value was read) and this store wrote nothing to the table
 * (every own write bumps the generation, which drops everything kept). Without a watch every read loads.
 *
 * Only reads outside a transaction may use it: a transaction sees its own uncommitted writes, which must
 * never be kept. A load that a write overtook is not kept either, whatever order its promise settles in.
 */
export class ReadCache<V> {
  private generation = 0;
  private readonly entries = new Map<string, { version: number; generation: number; value: V }>();

  constructor(
    private readonly watch: CommitWatch | undefined,
    private readonly capacity: number,
  ) {}

  async read(key: string, load: () => Promise<V>): Promise<V> {
    if (this.watch === undefined) return load();
    const version = this.watch.version();
    const kept = this.entries.get(key);
    if (kept !== undefined && kept.version === version && kept.generation === this.generation) return kept.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      if (kept === undefined && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { version, generation, value });
    }
    return value;
  }

  /** Called after every own write to the table, in or out of a transaction. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}
