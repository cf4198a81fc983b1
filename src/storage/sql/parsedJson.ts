/**
 * Parsed JSON documents remembered by the text they were parsed from. A row is still read every time, so two
 * instances can never disagree: only the parse is saved when the stored text is unchanged, which for a pool's
 * configuration (read on almost every request, a few KiB) is most of the cost of reading it. The values are
 * deeply frozen, since every reader shares them.
 */
export class ParsedJsonCache<T> {
  private readonly entries = new Map<string, { text: string; value: T }>();

  constructor(private readonly capacity: number) {}

  parse(key: string, text: string): T {
    const cached = this.entries.get(key);
    if (cached !== undefined && cached.text === text) return cached.value;
    const value = deepFreeze(JSON.parse(text) as T);
    if (cached === undefined && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { text, value });
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
