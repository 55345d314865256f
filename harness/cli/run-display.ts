/**
 * What `passk eval`, `run` and `demo` show while a run goes, drawn from the runner's events:
 * progress (generated and executed samples, or executed alone when nothing is generated)
 * and the warnings and notes of the back-ends and the sandbox, on stderr.
 */
import type { RunEvent } from '../run/events.js';
import { createProgress, type Progress, type ProgressMode } from './progress.js';

export interface RunDisplay {
  onEvent(event: RunEvent): void;
  stop(): void;
}

export function createRunDisplay(
  mode?: ProgressMode,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): RunDisplay {
  let progress: Progress | null = null;
  const say = (line: string): void => (progress ? progress.log(line) : write(line));
  return {
    onEvent(event) {
      switch (event.type) {
        case 'warning':
        case 'note':
          return say(event.type === 'warning' ? `warning: ${event.message}` : event.message);
        case 'planned':
          if (event.recorded > 0) say(`resumed: ${event.recorded} samples were already recorded in ${event.out}; ${event.toRun} to go`);
          progress = createProgress({
            counters: event.generating ? ['generated', 'executed'] : ['executed'],
            total: event.toRun,
            ...(mode ? { mode } : {}),
          });
          return;
        case 'generated':
          return progress?.advance('generated', event.count);
        case 'recorded':
        case 'fault':
          return progress?.advance('executed');
      }
    },
    stop() {
      progress?.stop();
    },
  };
}
