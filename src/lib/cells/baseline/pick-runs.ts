/**
 * The two runs compared among the values of a column that names each row's run, in their
 * natural order (file names, checkpoints): the ones picked, else the last against the one before
 * it. Says what is wrong when a picked run is not there, or there are not two.
 */
export function pickRuns(
  column: string,
  runs: readonly string[],
  picked: { candidate: string; baseline: string },
): { candidate: string; baseline: string } | { error: string } {
  const listed = `${runs.slice(0, 8).join(', ')}${runs.length > 8 ? ', ...' : ''}`;
  for (const [which, value] of Object.entries(picked))
    if (value && !runs.includes(value))
      return {
        error: `The ${which} run ${value} is not a value of ${column} (${listed}): pick another.`,
      };
  if (runs.length < 2)
    return {
      error: `${column} names ${runs.length === 0 ? 'no run' : `one run (${runs[0]})`}: a comparison needs two. Pick another baseline dataset, or a column that names each row's run.`,
    };
  const candidate = picked.candidate || runs[runs.length - 1];
  const at = runs.indexOf(candidate);
  const baseline = picked.baseline || runs[at > 0 ? at - 1 : 1];
  if (candidate === baseline)
    return {
      error: `The candidate and the baseline are the same run (${candidate}): pick another.`,
    };
  return { candidate, baseline };
}
