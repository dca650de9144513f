/** The module import graph: which file imports which, and the chains that pull a file into a bundle. */

export interface Edge {
  to: string;
  /** Offset of the import in the importing file. */
  start: number;
  dynamic: boolean;
  /** Only `export … from` (a barrel passing exports on); false when the module imports it too. */
  reexport?: boolean;
  /** The names taken (see ImportRef.names); undefined when any may be. */
  names?: string[];
}

interface Inbound {
  from: string;
  start: number;
  reexport: boolean;
  names?: string[];
}

export interface Reach {
  /** The entry the file is reached from. */
  entry: string;
  /** entry → … → file (inclusive), along the shortest import path. */
  chain: string[];
}

export class ImportGraph {
  private readonly out = new Map<string, Edge[]>();
  private readonly inbound = new Map<string, Inbound[]>();

  addEdge(from: string, edge: Edge): void {
    if (from === edge.to) return;
    let list = this.out.get(from);
    if (!list) this.out.set(from, (list = []));
    const known = list.find((e) => e.to === edge.to);
    if (known) {
      const back = this.inbound.get(edge.to)!.find((b) => b.from === from)!;
      const names = known.names && edge.names ? [...new Set([...known.names, ...edge.names])] : undefined;
      known.names = back.names = names;
      if (known.reexport && !edge.reexport) known.reexport = back.reexport = false;
      return;
    }
    list.push({ ...edge, reexport: Boolean(edge.reexport) });
    let back = this.inbound.get(edge.to);
    if (!back) this.inbound.set(edge.to, (back = []));
    back.push({ from, start: edge.start, reexport: Boolean(edge.reexport), names: edge.names });
  }

  imports(file: string): readonly Edge[] {
    return this.out.get(file) ?? [];
  }

  importers(file: string): readonly Inbound[] {
    return this.inbound.get(file) ?? [];
  }

  /**
   * Where the exports of `files` are used: the barrels passing them on (`export … from`, followed
   * transitively) and the modules importing those files or barrels (one hop). With `names`, only the
   * modules that take one of those exports (or an unknown or namespace import) count; a barrel that
   * renames what it passes on drops that filter. `files` themselves are left out unless one uses another.
   */
  usersOf(files: Iterable<string>, names?: ReadonlySet<string>): Set<string> {
    const takes = (e: Inbound, filter: ReadonlySet<string> | undefined) =>
      !filter || !e.names || e.names.some((n) => n === "*" || filter.has(n));
    const seen = new Map<string, ReadonlySet<string> | undefined>();
    const queue: Array<[string, ReadonlySet<string> | undefined]> = [];
    for (const f of files) {
      seen.set(f, names);
      queue.push([f, names]);
    }
    const users = new Set<string>();
    for (let i = 0; i < queue.length; i++) {
      const [file, filter] = queue[i]!;
      for (const e of this.importers(file)) {
        if (!takes(e, filter)) continue;
        users.add(e.from);
        if (!e.reexport || seen.has(e.from)) continue;
        // `export *` passes the same names on; a named re-export may rename them.
        const next = e.names?.length === 1 && e.names[0] === "*" ? filter : undefined;
        seen.set(e.from, next);
        queue.push([e.from, next]);
      }
    }
    return users;
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
