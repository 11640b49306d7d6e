import { formatCountOf } from '../format';
import type { LeftOut } from '../metrics/read-agreement';

/** Why examples were left out of a comparison of `models`, in words, one reason each. */
export function leftOutReasons(models: readonly string[], leftOut: LeftOut): string[] {
  const { lacking, repeatedOrUnlabelled, noIdRows } = leftOut;
  return [
    ...models.map((m, i) =>
      lacking[i] > 0 ? `${formatCountOf(lacking[i], 'example')} ${m} lacks` : '',
    ),
    repeatedOrUnlabelled > 0
      ? `${formatCountOf(repeatedOrUnlabelled, 'example')} where a model's row has no label`
      : '',
    noIdRows > 0 ? `${formatCountOf(noIdRows, 'row')} without an id` : '',
  ].filter((s) => s !== '');
}
