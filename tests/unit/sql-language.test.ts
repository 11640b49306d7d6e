import {
  CompletionContext,
  type Completion,
  type CompletionResult,
  type CompletionSource,
} from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { sqlLanguage } from '../../src/lib/cells/sql/sql-language';

const schema = {
  runs: ['model', 'accuracy', 'model name', 'order'],
  'my table': ['score', 'Split'],
  'eval.v2': ['loss'],
};

/** The completions offered at `|` (as when the user presses Ctrl-Space), each with the SQL it yields. */
async function complete(textWithCursor: string, explicit = true) {
  const pos = textWithCursor.indexOf('|');
  const doc = textWithCursor.replace('|', '');
  const state = EditorState.create({
    doc,
    selection: { anchor: pos },
    extensions: sqlLanguage(() => schema),
  });
  const context = new CompletionContext(state, pos, explicit);
  const sources = state.languageDataAt<CompletionSource>('autocomplete', pos);
  const results = (await Promise.all(sources.map((source) => source(context)))).filter(
    (r): r is CompletionResult => r !== null,
  );
  const accept = (result: CompletionResult, option: Completion) => {
    const insert = typeof option.apply === 'string' ? option.apply : option.label;
    return doc.slice(0, result.from) + insert + doc.slice(result.to ?? pos);
  };
  return new Map(
    results.flatMap((result) => result.options.map((o) => [o.label, accept(result, o)] as const)),
  );
}

describe('sqlLanguage completion', () => {
  it('offers tables and bare columns, quoting names DuckDB would misread', async () => {
    const options = await complete('SELECT | FROM runs');
    expect(options.get('accuracy')).toBe('SELECT accuracy FROM runs');
    expect(options.get('model name')).toBe('SELECT "model name" FROM runs');
    expect(options.get('order')).toBe('SELECT "order" FROM runs');
    expect(options.get('Split')).toBe('SELECT Split FROM runs');
    expect(options.get('my table')).toBe('SELECT "my table" FROM runs');
    expect(options.get('eval.v2')).toBe('SELECT "eval.v2" FROM runs');
    expect(options.get('SELECT')).toBe('SELECT SELECT FROM runs');
  });

  it("completes a table's columns after its name or alias", async () => {
    const byAlias = await complete('SELECT r.| FROM runs AS r');
    expect(byAlias.get('model name')).toBe('SELECT r."model name" FROM runs AS r');
    expect(byAlias.has('score')).toBe(false);
    const byQuotedName = await complete('SELECT "my table".| FROM "my table"');
    expect([...byQuotedName.keys()].sort()).toEqual(['Split', 'score']);
    const byDottedName = await complete('SELECT "eval.v2".| FROM "eval.v2"');
    expect([...byDottedName.keys()]).toEqual(['loss']);
  });

  it('finishes a quoted name the user started, including its closing quote', async () => {
    expect((await complete('SELECT * FROM "my t|')).get('"my table"')).toBe(
      'SELECT * FROM "my table"',
    );
    // closeBrackets has already typed the closing quote.
    expect((await complete('SELECT * FROM "my t|"')).get('"my table"')).toBe(
      'SELECT * FROM "my table"',
    );
  });

  it('completes while typing a word, and stays quiet on an empty one', async () => {
    expect((await complete('SELECT accu|', false)).get('accuracy')).toBe('SELECT accuracy');
    expect((await complete('SELECT |', false)).has('accuracy')).toBe(false);
  });
});
