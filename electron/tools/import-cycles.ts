/**
 * The import-cycle check of `npm run lint`: every module of electron/, shared/ and renderer/ and the
 * modules it imports (type-only imports and re-exports included, since a cycle of types is still a
 * knot in the design), and every cycle among them. The layering rule keeps folders one-way; this keeps
 * files inside a folder one-way too, so any module can be read, tested and moved on its own. It reads
 * imports with TypeScript's own scanner, without type-checking, so it takes a second or two.
 *
 *   tsx electron/tools/import-cycles.ts    prints each cycle and exits 1 if there is one
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The folders whose modules are checked, from the project root. */
export const CHECKED_FOLDERS = ['electron', 'shared', 'renderer'] as const;
const SOURCE_FILE = /\.(ts|tsx|mts)$/;
const DECLARATION_FILE = /\.d\.ts$/;
/** How an import without an extension may name a file (TypeScript's resolution for relative paths). */
const RESOLVED_SUFFIXES = ['', '.ts', '.tsx', '.mts', '/index.ts', '/index.tsx'];

function sourceFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      if (entry === 'node_modules') return [];
      const full = path.join(directory, entry);
      if (statSync(full).isDirectory()) return sourceFiles(full);
      return SOURCE_FILE.test(entry) && !DECLARATION_FILE.test(entry) ? [full] : [];
    });
}

function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier.replace(/\.js$/, ''));
  return RESOLVED_SUFFIXES.map((suffix) => `${base}${suffix}`).find(
    (candidate) => SOURCE_FILE.test(candidate) && existsSync(candidate) && statSync(candidate).isFile(),
  );
}

/** Each module and the project modules it imports (relative imports only: packages cannot import back). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((entry) => entry.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .flatMap((specifier) => resolveRelative(file, specifier) ?? []);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * The cycles of a graph: each strongly connected component of more than one module (or a module that
 * imports itself), as one path through it that returns to its start (Tarjan's algorithm).
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const visit = (start: string): void => {
    // Iterative, so a long chain of imports cannot overflow the call stack.
    const frames: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter);
    counter += 1;
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame === undefined) break;
      const targets = graph.get(frame.node) ?? [];
      const target = targets[frame.next];
      if (target !== undefined) {
        frame.next += 1;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          frames.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (;;) {
          const member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
          if (member === frame.node) break;
        }
        const selfImport = (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfImport) components.push(component);
      }
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => cyclePath(graph, new Set(component)));
}

/** One closed path through a strongly connected component, from its first module in name order. */
function cyclePath(graph: ReadonlyMap<string, readonly string[]>, members: ReadonlySet<string>): string[] {
  const start = [...members].sort()[0] ?? '';
  // Breadth-first from the start's imports back to the start: the shortest cycle through it.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() ?? start;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target) || previous.has(target)) continue;
      previous.set(target, node);
      if (target === start) queue.length = 0;
      else queue.push(target);
    }
  }
  const route: string[] = [];
  for (let node = previous.get(start); node !== undefined && node !== start; node = previous.get(node)) route.unshift(node);
  return [start, ...route, start];
}

/** The cycles among the checked folders of a project, with paths relative to its root. */
export function projectCycles(root: string): string[][] {
  const files = CHECKED_FOLDERS.flatMap((folder) => sourceFiles(path.join(root, folder)));
  return findCycles(importGraph(files)).map((cycle) => cycle.map((file) => path.relative(root, file).split(path.sep).join('/')));
}

if (require.main === module) {
  const cycles = projectCycles(path.resolve(__dirname, '..', '..'));
  for (const cycle of cycles) process.stderr.write(`import cycle: ${cycle.join(' → ')}\n`);
  if (cycles.length > 0) process.exitCode = 1;
}
