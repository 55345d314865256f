/**
 * The part `passk eval` and `passk run` share once each has its run config: describe the
 * run, execute it with progress and Ctrl-C handling, and end with the summary and an exit
 * code.
 */
import type { RunDescription } from '../run/run-description.js';
import { executeRun } from '../run/runner.js';
import { createRunDisplay } from './run-display.js';
import { installInterruptHandler } from './interrupt.js';
import type { ProgressMode } from './progress.js';
import { reportRunOutcome } from './run-outcome.js';

export interface RunCommandOptions {
  json: boolean;
  progress?: ProgressMode;
  dryRun?: boolean;
}

export async function runAndReport(run: RunDescription, options: RunCommandOptions): Promise<void> {
  const interrupt = installInterruptHandler();
  const display = createRunDisplay(options.progress);
  try {
    const { out, plan, result, notes } = await executeRun(run, {
      signal: interrupt.signal,
      dryRun: options.dryRun ?? false,
      onEvent: (e) => display.onEvent(e),
    });
    display.stop();
    if (!result) {
      process.stdout.write(`${plan}\n(dry run: nothing sampled or executed)\n`);
      return;
    }
    reportRunOutcome(result, out, options.json, notes);
  } finally {
    display.stop();
    interrupt.dispose();
  }
}
