import type { Engine } from '../../engine/engine';
import { PAGE_SIZE, readRowPage, type RowPage } from '../../notebook/row-pages';
import { flipRowsSql, type CompareOptions, type Flip } from './build-compare';

/** A page of the examples model A gets right and B wrong (flip "b") or the reverse ("c"). */
export function flipPage(
  engine: Engine,
  options: CompareOptions,
  flip: Flip,
  slice: { value: string | null } | undefined,
  offset: number,
): Promise<RowPage> {
  return readRowPage(engine, flipRowsSql(options, flip, slice, offset, PAGE_SIZE), offset);
}
