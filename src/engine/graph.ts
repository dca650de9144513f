/** The module import graph: which file imports which, and the chains that pull a file into a bundle. */

export interface Edge {
  to: string;
  /** Offset of the import in the importing file. */
  start: number;
  dynamic: boolean;
  /** Only `export … from` (a barrel passing exports on); false when the module imports it too. */
  reexport?: boolean;
}

export interface Reach {
  /** The entry the file is reached from. */
  entry: string;
  /** entry → … → file (inclusive), along the shortest import path. */
  chain: string[];
}

export class ImportGraph {
  private readonly out = new Map<string, Edge[]>();
  private readonly inbound = new Map<string, Array<{ from: string; start: number; reexport: boolean }>>();

  addEdge(from: string, edge: Edge): void {
    if (from === edge.to) return;
    let list = this.out.get(from);
    if (!list) this.out.set(from, (list = []));
    const known = list.find((e) => e.to === edge.to);
    if (known) {
      if (known.reexport && !edge.reexport) {
        known.reexport = false;
        for (const b of this.inbound.get(edge.to)!) if (b.from === from) b.reexport = false;
      }
      return;
    }
    list.push({ ...edge, reexport: Boolean(edge.reexport) });
    let back = this.inbound.get(edge.to);
    if (!back) this.inbound.set(edge.to, (back = []));
    back.push({ from, start: edge.start, reexport: Boolean(edge.reexport) });
  }

  imports(file: string): readonly Edge[] {
    return this.out.get(file) ?? [];
  }

  importers(file: string): ReadonlyArray<{ from: string; start: number; reexport: boolean }> {
    return this.inbound.get(file) ?? [];
  }

  /**
   * Every file reachable from `entries` by imports, with the shortest chain from the nearest entry
   * (entries in the order given win ties). `stop` prunes the walk at files that end a bundle (e.g. a
   * "use server" module, whose functions the client calls over the network instead of bundling);
   * `skipEdge` drops single imports (e.g. ones a framework removes from the client build).
   */
  reachableFrom(
    entries: Iterable<string>,
    options: { stop?: (file: string) => boolean; skipEdge?: (from: string, edge: Edge) => boolean } = {},
  ): Map<string, Reach> {
    const parent = new Map<string, string | null>();
    const entryOf = new Map<string, string>();
    const queue: string[] = [];
    for (const e of entries) {
      if (parent.has(e)) continue;
      parent.set(e, null);
      entryOf.set(e, e);
      queue.push(e);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const file = queue[qi]!;
      for (const edge of this.imports(file)) {
        if (parent.has(edge.to) || options.skipEdge?.(file, edge) || options.stop?.(edge.to)) continue;
        parent.set(edge.to, file);
        entryOf.set(edge.to, entryOf.get(file)!);
        queue.push(edge.to);
      }
    }
    const result = new Map<string, Reach>();
    for (const file of parent.keys()) {
      const chain: string[] = [];
      for (let f: string | null | undefined = file; f; f = parent.get(f)) chain.push(f);
      result.set(file, { entry: entryOf.get(file)!, chain: chain.reverse() });
    }
    return result;
  }
}
