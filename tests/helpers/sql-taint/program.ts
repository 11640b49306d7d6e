import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import type { SourceText } from './find-unsafe-sql';

let displayRoot = '';
export const displayPath = (path: string) =>
  path.startsWith(displayRoot) ? path.slice(displayRoot.length) : path;

/** Svelte's runes as the compiler types them, so `$state<Notebook>(...)` is a Notebook here. */
const RUNES_PATH = '/__svelte_runes__.d.ts';
const RUNES = `
declare function $state<T>(initial: T): T;
declare function $state<T>(): T | undefined;
declare namespace $state {
  function raw<T>(initial: T): T;
  function raw<T>(): T | undefined;
  function snapshot<T>(value: T): T;
}
declare function $derived<T>(expression: T): T;
declare namespace $derived {
  function by<T>(fn: () => T): T;
}
declare function $props(): any;
declare function $effect(fn: () => void | (() => void)): void;
`;

/** A .svelte file's scripts, checked as a TypeScript file beside it. */
export const scriptPath = (path: string) => (path.endsWith('.svelte') ? `${path}.ts` : path);

function scriptOf(path: string, text: string): string {
  if (!path.endsWith('.svelte')) return text;
  const scripts = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [...scripts, markupExpressions(text)].join('\n');
}

/**
 * The markup's expressions (`{...}`, attribute values, the conditions of blocks), as statements
 * of a function after the script, so that the calls the markup makes count as calls. Names the
 * markup declares ({#each ... as item}) are unknown there, so values made from them are unsafe.
 */
function markupExpressions(text: string): string {
  const markup = text
    .replace(/<script[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
  const statements: string[] = [];
  for (const [, inner] of markup.matchAll(/\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}/g)) {
    const body = inner.trim();
    const block = /^[#:]\s*(?:if|else if|each|await|key)\s+([\s\S]*?)(?:\s+as\s+[\s\S]*)?$/.exec(
      body,
    );
    if (block) statements.push(`void (${block[1]});`);
    else if (/^@(html|render)\s/.test(body))
      statements.push(`void (${body.replace(/^@\w+\s/, '')});`);
    else if (!/^[#:/@]/.test(body)) statements.push(`void (${body});`);
  }
  return `function __markup__() {\n${statements.join('\n')}\n}`;
}

/**
 * A program of the files to check, resolving their relative imports (npm packages are left out:
 * what they return is not proven safe). Svelte files take part through their scripts.
 */
export function createProgram(files: SourceText[], root: string): ts.Program {
  displayRoot = root.endsWith('/') ? root : `${root}/`;
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const given = new Map(files.map((f) => [scriptPath(resolve(f.path)), scriptOf(f.path, f.text)]));
  given.set(RUNES_PATH, RUNES);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (path) => given.has(path) || fileExists.call(host, path);
  host.readFile = (path) => given.get(path) ?? readFile.call(host, path);
  host.getSourceFile = (path, language, onError) => {
    const text = given.get(path);
    return text !== undefined
      ? ts.createSourceFile(path, text, language, true)
      : getSourceFile.call(host, path, language, onError);
  };
  host.resolveModuleNameLiterals = (literals, containing) =>
    literals.map((literal) => {
      const name = literal.text;
      if (!name.startsWith('.')) return { resolvedModule: undefined };
      const candidate = resolve(dirname(containing), name);
      for (const path of [candidate, `${candidate}.ts`, `${candidate}/index.ts`])
        if (given.has(path) || (path.endsWith('.ts') && fileExists.call(host, path)))
          return { resolvedModule: { resolvedFileName: path, extension: ts.Extension.Ts } };
      return { resolvedModule: undefined };
    });
  return ts.createProgram({ rootNames: [...given.keys()], options, host });
}
