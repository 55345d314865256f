/**
 * A run folder's n@k: its selection.json where `passk select` wrote one (the latest clustering
 * the user asked for), else what its summary.json holds (a stdin/stdout run's own, written at
 * the run's end); null for a run without n@k. What `report`, `fit` and `compare` read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunData } from '../store/run-files.js';
import type { Selection } from './select-run.js';
import { selectionOfSummary } from './summary-selection.js';

export function runSelection(run: Pick<RunData, 'dir' | 'summary'>): Selection | null {
  const file = join(run.dir, 'selection.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Selection;
  return run.summary ? selectionOfSummary(run.summary) : null;
}
