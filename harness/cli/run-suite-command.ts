/**
 * `passk run SUITE.yaml` and `passk run --suite NAME`: each benchmark with its progress and
 * its summary table as `passk run` shows them, then where the suite folder is and what to
 * run next; with --json, one document (the suite manifest and each benchmark's summary).
 * Exit codes as for a run: 130 interrupted, 4 samples left unscored by harness faults.
 */
import { EXIT } from '../../kernel/errors.js';
import type { ExpandedSuite } from '../suite/expand-suite.js';
import { executeSuite } from '../suite/run-suite.js';
import { installInterruptHandler } from './interrupt.js';
import type { ProgressMode } from './progress.js';
import { createRunDisplay, type RunDisplay } from './run-display.js';
import { reportRunOutcome } from './run-outcome.js';

export interface SuiteCommandOptions {
  json: boolean;
  progress?: ProgressMode;
  dryRun?: boolean;
}

export async function runSuiteAndReport(suite: ExpandedSuite, options: SuiteCommandOptions): Promise<void> {
  const interrupt = installInterruptHandler();
  let display: RunDisplay | null = null;
  try {
    const outcome = await executeSuite(suite, {
      signal: interrupt.signal,
      dryRun: options.dryRun ?? false,
      onBenchmark: (b, i, total) => {
        display?.stop();
        process.stderr.write(`suite ${suite.name} [${i + 1}/${total}] ${b.name} (${b.config.benchmark}) -> ${b.config.out}\n`);
        const shown = createRunDisplay(options.progress);
        display = shown;
        return (e) => shown.onEvent(e);
      },
      onBenchmarkDone: (b, o) => {
        display?.stop();
        if (!o.result) process.stdout.write(`${o.plan}\n`);
        else if (!options.json) reportRunOutcome(o.result, o.out, false, o.notes);
      },
    });
    const results = outcome.runs.flatMap((r) => (r.outcome.result ? [{ name: r.name, result: r.outcome.result }] : []));
    if (options.dryRun) {
      process.stdout.write(`(dry run: nothing sampled or executed; the suite folder would be ${outcome.out})\n`);
      return;
    }
    if (options.json) {
      const summaries = Object.fromEntries(results.map((r) => [r.name, r.result.summary]));
      process.stdout.write(`${JSON.stringify({ suite: outcome.manifest, summaries }, null, 2)}\n`);
    } else {
      process.stdout.write(
        `suite ${suite.name}: ${outcome.out} (${outcome.manifest?.status})\n` +
          `  one report: passk report ${outcome.out} --out ${outcome.out}/report.html\n` +
          `  the gate:   passk compare BASE_SUITE ${outcome.out}\n`,
      );
    }
    const faults = results.reduce((s, r) => s + r.result.faults.length, 0);
    if (outcome.interrupted) process.exitCode = EXIT.interrupted;
    else if (faults > 0) process.exitCode = EXIT.harnessFault;
  } finally {
    (display as RunDisplay | null)?.stop();
    interrupt.dispose();
  }
}
