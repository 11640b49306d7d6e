import { parseReport, type Report } from './report-format';

/**
 * Fetches a report's notebook; its data files resolve against report.json's own address, and only
 * the columns report.json lists are read from them (over range requests where the host allows).
 * A report and its data come from the page's own site only: anything else is refused before any
 * request (the CSP would block it too).
 */
export async function fetchReport(
  location: string,
  pageUrl: string,
  fetchFn: typeof fetch = fetch,
): Promise<
  | { report: Report; dataUrls: { url: string; name: string; columns?: string[] }[] }
  | { error: string }
> {
  const url = new URL(location, pageUrl);
  const site = new URL(pageUrl).origin;
  if (url.origin !== site)
    return { error: `A report opens only from this site (${site}), not from ${url.origin}.` };
  let text: string;
  try {
    const response = await fetchFn(url);
    if (!response.ok)
      return {
        error: `The report's notebook (${url.pathname}) answered ${response.status}: the report folder is incomplete.`,
      };
    text = await response.text();
  } catch (e) {
    return {
      error: `The report's notebook could not be fetched (${e instanceof Error ? e.message : e}).`,
    };
  }
  const parsed = parseReport(text);
  if ('error' in parsed) return parsed;
  const dataUrls = parsed.data.map((d) => ({
    url: new URL(d.path, url).href,
    name: d.name,
    columns: Array.isArray(d.columns) && d.columns.length > 0 ? d.columns : undefined,
  }));
  const elsewhere = dataUrls.find((d) => new URL(d.url).origin !== site);
  if (elsewhere)
    return {
      error: `The report names a data file on another site (${elsewhere.url}); a report reads only the files of its own site.`,
    };
  return { report: parsed, dataUrls };
}
