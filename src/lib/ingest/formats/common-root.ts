/** The folder the files share (`out/model-a` for `out/model-a/x.jsonl` and `out/model-a/y.json`), or ''. */
export function commonRoot(names: readonly string[]): string {
  const folders = names.map((n) => n.split('/').slice(0, -1));
  const first = folders[0] ?? [];
  let shared = first.length;
  for (const f of folders) {
    let i = 0;
    while (i < shared && f[i] === first[i]) i++;
    shared = i;
  }
  return first.slice(0, shared).join('/');
}

/** `<root>/<what>`, or `<what>` when the files share no folder. */
export const underRoot = (root: string, what: string) => (root ? `${root}/${what}` : what);
