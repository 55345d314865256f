/**
 * How `passk eval` and `passk run` end: the summary (a table, or JSON with --json), then
 * the exit code: 130 when interrupted, 4 when samples hit harness faults (not scored).
 */
import type { RunEvaluationResult } from '../pipeline/evaluate.js';
import { renderSummary } from './summary-table.js';

export function reportRunOutcome(result: Pick<RunEvaluationResult, 'summary' | 'faults' | 'interrupted'>, dir: string, json: boolean, notes: readonly string[] = []): void {
  if (json) process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
  else process.stdout.write(`${renderSummary(result.summary, dir)}\n`);
  for (const line of notes) process.stderr.write(`${line}\n`);
  if (result.interrupted) process.exitCode = 130;
  else if (result.faults.length > 0) {
    process.stderr.write(`passk: ${result.faults.length} samples hit harness faults and were not scored, e.g. ${result.faults[0]}\n`);
    process.exitCode = 4;
  }
}
