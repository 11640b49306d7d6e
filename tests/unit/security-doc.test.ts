import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * docs/security.md pins each claim to a test by file and test name: every file it names must
 * exist, and every test name it quotes after a file must be in that file, so that renaming or
 * removing a test leaves no claim pinned to nothing.
 */
const plain = (text: string) => text.replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
const doc = plain(readFileSync('docs/security.md', 'utf8'));

/** Each file the page names, with the test names quoted right after it: `file` ("a", "b"). */
function citations(text: string): { file: string; names: string[] }[] {
  const cited = /`(tests\/[\w./-]+)`(?::? ?\(?((?:"[^"]+"(?:[;,]? (?:and )?)?)*))?/g;
  return [...text.matchAll(cited)].map((m) => ({
    file: m[1],
    names: [...(m[2] ?? '').matchAll(/"([^"]+)"/g)].map((q) => q[1].replace(/ ?\.\.\.$/, '')),
  }));
}

describe('docs/security.md', () => {
  const cited = citations(doc);

  it('finds the citations it checks (the page has its claims pinned)', () => {
    expect(cited.length).toBeGreaterThanOrEqual(20);
    expect(cited.filter((c) => c.names.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  it('names only test files that exist', () => {
    expect(cited.map((c) => c.file).filter((file) => !existsSync(file))).toEqual([]);
  });

  it('quotes only test names that are in the file it names', () => {
    const missing = cited.flatMap(({ file, names }) => {
      const source = existsSync(file) ? plain(readFileSync(file, 'utf8')) : '';
      return names.filter((name) => !source.includes(name)).map((name) => `${file}: ${name}`);
    });
    expect(missing).toEqual([]);
  });

  it('reads a quoted name after a file, and a missing one would be reported', () => {
    const sample = '`tests/unit/a.test.ts` ("one thing", "another ...") and `tests/b.ts`.';
    expect(citations(sample)).toEqual([
      { file: 'tests/unit/a.test.ts', names: ['one thing', 'another'] },
      { file: 'tests/b.ts', names: [] },
    ]);
  });
});
