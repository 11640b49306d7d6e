import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/** One import of a source file: the file (repo-relative), what it names, and where that resolves. */
export interface Import {
  from: string;
  specifier: string;
  /** The imported file, repo-relative; undefined for a package or a file that does not exist. */
  to?: string;
}

const SPECIFIERS = [
  /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[\w*{}\s,$]+\s+from\s+['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\.meta\.glob(?:<[^>]*>)?\(\s*['"]([^'"]+)['"]/g,
  /\bnew URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url/g,
];

/** The files of `folders` (repo-relative) whose names end in one of `extensions`. */
export function sourceFiles(root: string, folders: string[], extensions = ['.ts', '.svelte']) {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const path = posix.join(dir, name);
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (extensions.some((e) => name.endsWith(e))) out.push(path);
    }
  };
  for (const folder of folders) if (existsSync(join(root, folder))) walk(folder);
  return out.sort();
}

/** The imports in a file's text (TypeScript, or a Svelte component's scripts), resolved. */
export function importsOf(root: string, file: string, text: string): Import[] {
  const imports: Import[] = [];
  for (const pattern of SPECIFIERS)
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1];
      imports.push({ from: file, specifier, to: resolveSpecifier(root, file, specifier) });
    }
  return imports;
}

/** Every import of every file in `folders`. */
export function importGraph(root: string, folders: string[]): Import[] {
  return sourceFiles(root, folders).flatMap((file) =>
    importsOf(root, file, readFileSync(join(root, file), 'utf8')),
  );
}

function resolveSpecifier(root: string, file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.join(posix.dirname(file), specifier.replace(/\?.*$/, ''));
  if (base.includes('*')) return base; // a glob: the pattern itself
  for (const ending of ['', '.ts', '.svelte', '.js', '/index.ts']) {
    const path = join(root, base + ending);
    if (existsSync(path) && statSync(path).isFile())
      return relative(root, path).split('\\').join('/');
  }
  return undefined;
}

/** The files `start` reaches through its imports, itself included. */
export function reachable(graph: Import[], start: string): Set<string> {
  const next = new Map<string, string[]>();
  for (const i of graph) if (i.to) next.set(i.from, [...(next.get(i.from) ?? []), i.to]);
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0)
    for (const to of next.get(queue.pop()!) ?? [])
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
  return seen;
}

export const repoRoot = join(dirname(new URL(import.meta.url).pathname), '..', '..');
