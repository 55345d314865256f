/**
 * How `passk eval` and `passk run` end: the summary (a table, or JSON with --json), the
 * back-ends' notes, then the exit code (kernel/errors.ts EXIT): interrupted, or samples left
 * unscored by harness faults.
 */
import { EXIT } from '../../kernel/errors.js';
import type { RunResult } from '../run/runner.js';
import { renderSummary } from './summary-table.js';

export function reportRunOutcome(
  result: Pick<RunResult, 'summary' | 'faults' | 'interrupted'>,
  dir: string,
  json: boolean,
  notes: readonly string[] = [],
): void {
  if (json) process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
  else process.stdout.write(`${renderSummary(result.summary, dir)}\n`);
  for (const line of notes) process.stderr.write(`${line}\n`);
  if (result.interrupted) process.exitCode = EXIT.interrupted;
  else if (result.faults.length > 0) {
    process.stderr.write(`passk: ${result.faults.length} samples hit harness faults and were not scored, e.g. ${result.faults[0]}\n`);
    process.exitCode = EXIT.harnessFault;
  }
}
