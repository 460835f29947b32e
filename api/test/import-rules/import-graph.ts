import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** File → the files it imports (relative paths from the graph's root, `/`-separated). */
export type ImportGraph = Map<string, Set<string>>;

function listTsFiles(dir: string, skip: (file: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTsFiles(path, skip);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') && !skip(path) ? [path] : [];
  });
}

function resolveSpecifier(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null; // packages are outside the graph
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile()) ?? null;
}

/**
 * Every relative import of every `.ts` file under `root`, read with the TypeScript compiler's own
 * pre-processor, so `import type`, `export … from` and `import()` all count (a type-only cycle still
 * ties two modules together for a reader and for the build).
 */
export function readImportGraph(root: string, skip: (file: string) => boolean = () => false): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of listTsFiles(root, skip)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      const target = resolveSpecifier(file, fileName);
      if (target && target.startsWith(root) && !skip(target)) targets.add(relative(root, target).split('\\').join('/'));
    }
    graph.set(relative(root, file).split('\\').join('/'), targets);
  }
  return graph;
}

/** One shortest cycle through `start` inside its strongly connected component (for the message). */
function cycleThrough(graph: ImportGraph, start: string, component: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const next of graph.get(file) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start];
}

/**
 * The import cycles of a graph: one example cycle (`a → b → a`) per strongly connected component
 * with more than one file, or a file importing itself (Tarjan's algorithm).
 */
export function findImportCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;

  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.add(member);
    } while (member !== file);
    if (component.size > 1 || graph.get(file)?.has(file)) {
      const first = [...component].sort()[0]!;
      cycles.push(cycleThrough(graph, first, component));
    }
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles;
}

/**
 * The imports that point up into `layer` (a folder prefix such as `routes/`) from files outside it,
 * as `file → target`, except from files `exempt` allows (the app that wires the layer, test kits).
 */
export function importsInto(graph: ImportGraph, layer: string, exempt: (file: string) => boolean): string[] {
  return [...graph].flatMap(([file, targets]) =>
    file.startsWith(layer) || exempt(file)
      ? []
      : [...targets].filter((target) => target.startsWith(layer)).map((target) => `${file} → ${target}`),
  );
}
