/**
 * A pool thread: receives the job config, then chunks of programs; answers each chunk with
 * its results. Owns one linter (a worker process for Python, in-thread for JavaScript).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobConfig, ProgramJob } from './job.js';
import { createLinter, runPrograms } from './run-programs.js';

const config = workerData as JobConfig;
const linter = createLinter(config);
const port = parentPort!;
linter.catch(() => {}); // reported with the first chunk

port.on('message', (message: { id: number; jobs: ProgramJob[] } | 'close') => {
  if (message === 'close') {
    void linter.then((l) => l.close()).finally(() => port.close());
    return;
  }
  linter
    .then((l) => runPrograms(message.jobs, config, l))
    .then(
      (results) => port.postMessage({ id: message.id, results }),
      (error: unknown) =>
        port.postMessage({ id: message.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
    );
});
