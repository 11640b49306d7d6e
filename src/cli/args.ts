/** What `slicebook run` was asked to do. */
export interface RunArgs {
  notebook: string;
  /** The --data arguments as given: `path` or `name=path`, told apart by resolveData. */
  data: string[];
  out: string;
  check: boolean;
  /** Replaces the notebook's global filter (a SQL condition; '' runs on every row). */
  filter?: string;
  /** The --baseline arguments: the run to compare with, given like --data. */
  baseline: string[];
  /** Override the notebook's gate (`baseline.maxQ`, `baseline.minDrop`). */
  maxQ?: number;
  minDrop?: number;
  /** A folder of runs (one data file each): the metric of every slice over the runs. */
  history?: string;
}

export const USAGE = `Usage: slicebook run <notebook.slicebook.json> --data [name=]path ... --out <dir> [--check]
                     [--filter <SQL condition>] [--baseline [name=]path ... [--max-q q] [--min-drop d]]
                     [--history <folder>]

Runs a Slicebook notebook on native DuckDB and writes each cell's result (CSV and JSON) and a
summary (summary.json, summary.md) into <dir>.

  --data [name=]path  a data file; name is the file name the notebook knows it by (its "data"
                      list). Without a name the file's own name is used, or, when the notebook
                      has one data file and one --data is given, that one. Text before "=" is a
                      name only when the notebook knows it; otherwise all of it is the path
                      (folders such as subject=philosophy/ stay whole). Repeat for more files.
  --out <dir>         where to write the results (created if needed)
  --check             evaluate the cells' assertions; exit 1 when one fails
  --filter <cond>     run with this global filter instead of the notebook's, e.g.
                      --filter "split = 'test'" (--filter "" runs on every row)
  --baseline [name=]path
                      a data file of the run to compare with, named like --data: every slice
                      of the slice cells and each model overall, candidate against baseline,
                      paired on the example id; writes baseline.csv and regressions.csv, and
                      --check also evaluates the notebook's "baseline" assertions
  --max-q <q>         a slice is worse or better only with q below this (default 0.05)
  --min-drop <d>      ... and a change of more than d (a fraction; default 0.01, one point)
  --history <folder>  a folder of runs, one data file each (named by the file): the metric of
                      every slice in every run with its interval, into history.csv
  --help              this text

Exit codes: 0 done (and every assertion holds), 1 an assertion failed (--check),
2 bad arguments, notebook or data file, or runs that cannot be compared, 3 a cell could not run
(error or missing data).`;

/** Parses the arguments after `slicebook`; returns what is wrong in words when they do not fit. */
export function parseArgs(argv: string[]): RunArgs | { help: true } | { error: string } {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  const [command, ...rest] = argv;
  if (command !== 'run')
    return {
      error: command ? `unknown command "${command}": the command is "run".` : 'no command given.',
    };
  const out: Partial<RunArgs> & Pick<RunArgs, 'data' | 'baseline'> = {
    data: [],
    baseline: [],
    check: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg];
    const value = () => inline ?? rest[++i];
    if (flag === '--check') out.check = true;
    else if (flag === '--out') out.out = value();
    else if (flag === '--filter') {
      const filter = value();
      if (filter === undefined) return { error: '--filter needs a SQL condition (or "").' };
      out.filter = filter;
    } else if (flag === '--data') {
      const spec = value();
      if (!spec) return { error: '--data needs a file: --data name=path.' };
      out.data.push(spec);
    } else if (flag === '--baseline') {
      const spec = value();
      if (!spec) return { error: '--baseline needs a file: --baseline [name=]path.' };
      out.baseline.push(spec);
    } else if (flag === '--history') {
      const folder = value();
      if (!folder) return { error: '--history needs a folder of runs.' };
      out.history = folder;
    } else if (flag === '--max-q' || flag === '--min-drop') {
      const text = value();
      const number = Number(text);
      if (!text || !Number.isFinite(number) || number < 0 || number > 1)
        return { error: `${flag} needs a number from 0 to 1, not ${JSON.stringify(text ?? '')}.` };
      if (flag === '--max-q') out.maxQ = number;
      else out.minDrop = number;
    } else if (arg.startsWith('-')) return { error: `unknown option ${arg}.` };
    else if (out.notebook)
      return { error: `more than one notebook given (${out.notebook}, ${arg}).` };
    else out.notebook = arg;
  }
  if (!out.notebook) return { error: 'no notebook given.' };
  if (!out.out) return { error: 'no output folder given: add --out <dir>.' };
  if (out.data.length === 0) return { error: 'no data given: add --data name=path.' };
  if (out.baseline.length === 0 && (out.maxQ !== undefined || out.minDrop !== undefined))
    return { error: '--max-q and --min-drop judge a comparison: add --baseline path.' };
  return out as RunArgs;
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
