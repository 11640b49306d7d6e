import { CELL_NAME, type Cell, type CellKind, type Notebook } from './notebook';

/** Pure edits of a notebook: each returns a new notebook and leaves the old one as it was. */

const DEFAULT_NAMES: Record<CellKind, string> = {
  markdown: 'note',
  sql: 'query',
  chart: 'chart',
  overview: 'overview',
  slice: 'slices',
  fairness: 'fairness',
  compare: 'comparison',
  calibration: 'calibration',
  cost: 'cost',
  robustness: 'robustness',
  discover: 'discovery',
};

export function newCellId(): string {
  return crypto.randomUUID();
}

/** The first free `base_N` name (names compare case-insensitively, like SQL identifiers). */
export function freeName(
  notebook: Notebook,
  base: string,
  reserved: ReadonlySet<string> = new Set(),
): string {
  const taken = new Set([
    ...notebook.cells.map((c) => c.name.toLowerCase()),
    ...[...reserved].map((r) => r.toLowerCase()),
  ]);
  for (let k = 1; ; k++) if (!taken.has(`${base}_${k}`.toLowerCase())) return `${base}_${k}`;
}

export function createCell(
  notebook: Notebook,
  kind: CellKind,
  init: Partial<Cell> = {},
  reserved?: ReadonlySet<string>,
): Cell {
  const base = {
    id: newCellId(),
    name: freeName(notebook, DEFAULT_NAMES[kind], reserved),
    collapsed: false,
  };
  switch (kind) {
    case 'markdown':
      return { ...base, kind, text: '', ...init } as Cell;
    case 'sql':
      return { ...base, kind, sql: '', ...init } as Cell;
    case 'chart':
      return { ...base, kind, source: '', spec: '', ...init } as Cell;
    case 'overview':
      return { ...base, kind, dataset: '', ...init } as Cell;
    case 'slice':
      return {
        ...base,
        kind,
        dataset: '',
        metric: '',
        features: [],
        replicates: 200,
        ...init,
      } as Cell;
    case 'fairness':
      return {
        ...base,
        kind,
        dataset: '',
        model: '',
        features: [],
        decision: '',
        threshold: null,
        positive: '',
        reference: '',
        ...init,
      } as Cell;
    case 'compare':
      return { ...base, kind, dataset: '', modelA: '', modelB: '', feature: '', ...init } as Cell;
    case 'calibration':
      return {
        ...base,
        kind,
        dataset: '',
        score: '',
        classScores: [],
        positive: '',
        binning: 'width',
        bins: 15,
        feature: '',
        replicates: 200,
        ...init,
      } as Cell;
    case 'cost':
      return {
        ...base,
        kind,
        dataset: '',
        cost: '',
        statistic: 'p50',
        feature: '',
        ...init,
      } as Cell;
    case 'robustness':
      return {
        ...base,
        kind,
        dataset: '',
        severityOrder: [],
        reference: '',
        inDistribution: '',
        shifted: '',
        link: 'logit',
        layout: 'by-condition',
        ...init,
      } as Cell;
    case 'discover':
      return {
        ...base,
        kind,
        dataset: '',
        signal: '',
        model: '',
        modelB: '',
        features: [],
        bins: 4,
        maxLevel: 2,
        minSupport: 0.01,
        alpha: 0.95,
        k: 10,
        confirm: false,
        ...init,
      } as Cell;
  }
}

export function insertCell(
  notebook: Notebook,
  cell: Cell,
  index = notebook.cells.length,
): Notebook {
  const cells = [...notebook.cells];
  cells.splice(Math.max(0, Math.min(index, cells.length)), 0, cell);
  return { ...notebook, cells };
}

export function deleteCell(notebook: Notebook, id: string): Notebook {
  return { ...notebook, cells: notebook.cells.filter((c) => c.id !== id) };
}

/** Moves a cell up (delta -1) or down (+1); a move past either end changes nothing. */
export function moveCell(notebook: Notebook, id: string, delta: number): Notebook {
  const from = notebook.cells.findIndex((c) => c.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= notebook.cells.length) return notebook;
  const cells = [...notebook.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(to, 0, cell);
  return { ...notebook, cells };
}

export function duplicateCell(
  notebook: Notebook,
  id: string,
  reserved?: ReadonlySet<string>,
): Notebook {
  const index = notebook.cells.findIndex((c) => c.id === id);
  if (index < 0) return notebook;
  const original = notebook.cells[index];
  const base = original.name.replace(/_copy(_\d+)?$/, '');
  const copy = { ...original, id: newCellId(), name: freeName(notebook, `${base}_copy`, reserved) };
  return insertCell(notebook, copy, index + 1);
}

export function updateCell<K extends Cell>(
  notebook: Notebook,
  id: string,
  patch: Partial<Omit<K, 'id' | 'kind'>>,
): Notebook {
  return {
    ...notebook,
    cells: notebook.cells.map((c) => (c.id === id ? ({ ...c, ...patch } as Cell) : c)),
  };
}

/** Why `name` cannot name cell `id`, or null when it can. */
export function nameProblem(
  notebook: Notebook,
  id: string,
  name: string,
  reserved: ReadonlySet<string> = new Set(),
): string | null {
  if (!CELL_NAME.test(name))
    return 'use letters, digits and _ (not starting with a digit), at most 63 characters';
  const lower = name.toLowerCase();
  if (notebook.cells.some((c) => c.id !== id && c.name.toLowerCase() === lower))
    return `another cell is named ${name}`;
  if ([...reserved].some((r) => r.toLowerCase() === lower))
    return `${name} is the name of a loaded table`;
  return null;
}

/** Renames a cell and the references to it in later SQL and chart cells. */
export function renameCell(
  notebook: Notebook,
  id: string,
  name: string,
  rewrite: (sql: string, from: string, to: string) => string,
): Notebook {
  const cell = notebook.cells.find((c) => c.id === id);
  if (!cell) return notebook;
  const from = cell.name;
  return {
    ...notebook,
    cells: notebook.cells.map((c) => {
      if (c.id === id) return { ...c, name };
      if (c.kind === 'sql') return { ...c, sql: rewrite(c.sql, from, name) };
      if (c.kind === 'chart' && c.source.toLowerCase() === from.toLowerCase())
        return { ...c, source: name };
      return c;
    }),
  };
}
