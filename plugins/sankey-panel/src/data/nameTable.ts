/**
 * The distinct names of one column, each with a small id, so rows are compared and grouped by
 * numbers instead of strings. Raw values map to ids once: empty ones to the empty label's id, or to
 * -1 when empty names are skipped.
 */
export class NameTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly rawIds = new Map<unknown, number>();

  constructor(private readonly emptyLabel: string | null) {}

  idOfRaw(raw: unknown): number {
    const known = this.rawIds.get(raw);
    if (known !== undefined) {
      return known;
    }
    const empty = raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
    const name = empty ? this.emptyLabel : typeof raw === 'string' ? raw : String(raw);
    const id = name === null ? -1 : this.idOf(name);
    this.rawIds.set(raw, id);
    return id;
  }

  private idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}
