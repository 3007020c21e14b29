// The in-process analysis queue: uploads and retries add analysis ids, one worker runs them in
// order (the models are CPU-bound; running two at once would only slow both), so an upload answers
// as soon as its file is stored. Rows left RUNNING or PENDING by a stopped server are picked up again
// the first time the process queue is used.
import { getDb, type Db } from '@visioncad/db';
import { runAnalysis, type AnalysisRunContext } from './analysis-run';

/** A serial queue of analysis ids. */
export interface AnalysisQueue {
  enqueue(analysisId: string): void;
  /** Resolves when every queued analysis has finished. */
  idle(): Promise<void>;
}

/** A queue whose worker calls `run` for each id, one at a time; a throwing run is logged and skipped. */
export function createAnalysisQueue(run: (analysisId: string) => Promise<unknown>): AnalysisQueue {
  const waiting: string[] = [];
  let worker: Promise<void> | null = null;
  async function drain(): Promise<void> {
    for (let id = waiting.shift(); id !== undefined; id = waiting.shift()) {
      try {
        await run(id);
      } catch (error) {
        console.error(`analysis ${id}: ${(error as Error).stack ?? error}`);
      }
      // Let requests that arrived during the (synchronous) model run through before the next one.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return {
    enqueue(analysisId) {
      if (!waiting.includes(analysisId)) waiting.push(analysisId);
      worker ??= drain().finally(() => {
        worker = null;
      });
    },
    async idle() {
      while (worker) await worker;
    },
  };
}

/** Puts rows a stopped server left RUNNING back to PENDING and returns every PENDING id, oldest first. */
export async function interruptedAnalyses(db: Db = getDb()): Promise<string[]> {
  await db.analysis.updateMany({
    where: { status: 'RUNNING' },
    data: { status: 'PENDING', startedAt: null },
  });
  const rows = await db.analysis.findMany({
    where: { status: 'PENDING' },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

interface ProcessQueue {
  queue: AnalysisQueue;
  resumed: Promise<void>;
}

// One queue per server process, on globalThis because Next.js may load this module per route bundle.
const key = Symbol.for('visioncad.analysis-queue');

/** The server's queue (database and folders from the environment); resumes interrupted work once. */
export function analysisQueue(context: AnalysisRunContext = {}): AnalysisQueue {
  const holder = globalThis as typeof globalThis & { [key]?: ProcessQueue };
  if (!holder[key]) {
    // Runs wait for the resume, so its reset of RUNNING rows never races this process's own claims.
    let resumed: Promise<void> = Promise.resolve();
    const queue = createAnalysisQueue(async (id) => {
      await resumed;
      return runAnalysis(id, context);
    });
    resumed = interruptedAnalyses(context.db)
      .then((ids) => ids.forEach((id) => queue.enqueue(id)))
      .catch((error: unknown) => console.error(`analysis queue: cannot resume: ${(error as Error).message}`));
    holder[key] = { queue, resumed };
  }
  return holder[key].queue;
}
