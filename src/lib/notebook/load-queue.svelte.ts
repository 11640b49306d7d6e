import type { LoadStep } from '../ingest/load-file';

/** A file being loaded, as the page lists it: its progress, and how it ended. */
export interface LoadJob {
  id: number;
  fileName: string;
  bytes: number | null;
  step: LoadStep | { phase: 'fetching'; fraction?: number } | { phase: 'waiting' };
  status: 'loading' | 'done' | 'failed' | 'cancelled' | 'skipped';
  error?: string;
  startedAt: number;
  seconds?: number;
  /** The file was loaded already, and this load took the place of that one. */
  replaced?: boolean;
}

/**
 * The files waiting and loading, one after another (DuckDB has one connection, and the order keeps
 * table names stable); each job can be cancelled.
 */
export class LoadQueue {
  jobs = $state<LoadJob[]>([]);
  /** Work queued or running, counted as it is queued: `busy` never blinks false between two. */
  private queued = $state(0);
  private readonly controllers = new Map<number, AbortController>();
  private nextJob = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly now: () => number) {}

  add(fileName: string, bytes: number | null): LoadJob {
    const job: LoadJob = {
      id: this.nextJob++,
      fileName,
      bytes,
      step: { phase: 'waiting' },
      status: 'loading',
      startedAt: this.now(),
    };
    this.jobs.push(job);
    this.controllers.set(job.id, new AbortController());
    return this.jobs[this.jobs.length - 1];
  }

  /** A row for a file that ended before loading: refused, or skipped (`error` says why). */
  ended(fileName: string, bytes: number | null, status: 'failed' | 'skipped', why: string): void {
    const now = this.now();
    this.jobs.push({
      id: this.nextJob++,
      fileName,
      bytes,
      step: { phase: 'waiting' },
      status,
      error: why,
      startedAt: now,
      seconds: 0,
    });
  }

  /** True from the moment work is queued until the queue is empty. */
  get busy(): boolean {
    return this.queued > 0;
  }

  /** Runs `work` after everything queued before it; `busy` while it waits or runs. */
  enqueue(work: () => Promise<void>): Promise<void> {
    this.queued++;
    const run = this.queue.then(work).finally(() => this.queued--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The job's cancel signal; `done` forgets it once the job ended. */
  signalOf(job: LoadJob): AbortSignal {
    return this.controllers.get(job.id)!.signal;
  }

  done(job: LoadJob): void {
    this.controllers.delete(job.id);
  }

  cancel(jobId: number): void {
    this.controllers.get(jobId)?.abort();
  }

  dismiss(jobId: number): void {
    this.jobs = this.jobs.filter((j) => j.id !== jobId);
  }
}
