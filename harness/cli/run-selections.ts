/** Each run's n@k (selection.json, else its summary's), for the report's figure. */
import type { Selection } from '../selection/select-run.js';
import { runSelection } from '../selection/run-selection.js';
import type { RunData } from '../store/run-files.js';

export function readSelections(runs: readonly RunData[]): Array<{ run: string; selection: Selection }> {
  return runs.flatMap((run) => {
    const selection = runSelection(run);
    return selection ? [{ run: run.dir, selection }] : [];
  });
}
