/**
 * A column name as a Vega-Lite `field`: Vega reads `.` and `[...]` as nested access and a leading
 * quote as quoting, so these (and the escape character itself) are backslash-escaped.
 */
export function fieldRef(name: string): string {
  return name.replace(/[\\.[\]'"]/g, (c) => `\\${c}`);
}
