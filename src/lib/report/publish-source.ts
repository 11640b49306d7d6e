import type { Notebook } from '../notebook/notebook';
import type { Workspace } from '../notebook/workspace.svelte';
import type { PublishSource } from './build-report';

/** What the workspace holds, in the terms publishing needs. */
export function publishSource(workspace: Workspace, notebook: Notebook): PublishSource {
  return {
    notebook,
    tables: workspace.tables.map((t) => ({
      table: t.table,
      fileName: t.fileName,
      columns: t.profile.columns.map((c) => ({ name: c.name, sqlType: c.sqlType })),
    })),
    datasets: workspace.datasets.map((d) => ({
      name: d.plan.name,
      select: d.select,
      sources: d.plan.sources,
      roles: d.roles,
      taskKind: d.taskKind,
    })),
  };
}
