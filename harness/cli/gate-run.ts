/**
 * `passk run SPEC --gate BASE_RUN`: the flags, and the printing around the gate's rounds
 * (harness/gate/run-gate.ts): progress per round on stderr, one line per look, and at the
 * end the comparison as markdown (outcome first) and the exit code of `passk compare`.
 */
import type { Argv } from 'yargs';
import { DEFAULT_COMPARE } from '../analysis/compare-counts.js';
import type { RunComparison } from '../analysis/compare-runs.js';
import { PasskError, EXIT } from '../../kernel/errors.js';
import { describeRun } from '../run-config/describe-run.js';
import type { RunConfig } from '../run-config/schema.js';
import { executeRun } from '../run/runner.js';
import { runGate } from '../gate/run-gate.js';
import { compareMarkdown } from '../report/compare-markdown.js';
import { parseKs } from './commands/compare.js';
import { installInterruptHandler } from './interrupt.js';
import type { ProgressMode } from './progress.js';
import { createRunDisplay } from './run-display.js';
import { reportRunOutcome } from './run-outcome.js';

export interface GateArgs {
  gate?: string;
  'gate-round'?: number;
  'gate-k': string[];
  'gate-margin': number;
  'gate-alpha': number;
  'gate-ignore-below': number;
  'gate-strict': boolean;
}

export function gateOptions<T>(y: Argv<T>): Argv<T> {
  const group = 'Gate (sample until the comparison with a base run is decided):';
  return y
    .option('gate', {
      type: 'string',
      group,
      describe: 'the base run folder: sample in rounds and stop once regression or non-inferiority is decided',
    })
    .option('gate-round', { type: 'number', group, describe: 'samples per problem added per round (default max(2, ceil(n / 10)))' })
    .option('gate-k', { type: 'array', string: true, group, default: ['1', '10'], describe: 'ks the gate decides on' })
    .option('gate-margin', { type: 'number', group, default: DEFAULT_COMPARE.margin, describe: 'non-inferiority margin (pass@k units)' })
    .option('gate-alpha', {
      type: 'number',
      group,
      default: DEFAULT_COMPARE.alpha,
      describe: 'family-wise error rate across the ks and every look',
    })
    .option('gate-ignore-below', {
      type: 'number',
      group,
      default: 0,
      describe: 'a significant drop smaller than this is not a regression',
    })
    .option('gate-strict', { type: 'boolean', group, default: false, describe: 'exit 2 when the gate ends inconclusive' }) as Argv<T>;
}

export async function runGateCommand(
  config: RunConfig,
  args: GateArgs,
  options: { json: boolean; progress?: ProgressMode },
): Promise<void> {
  const round = args['gate-round'];
  if (round !== undefined && !(Number.isInteger(round) && round >= 1))
    throw new PasskError('E_CONFIG', `--gate-round must be a positive integer, got ${round}`, '--gate-round');
  const compare = {
    ...DEFAULT_COMPARE,
    ks: parseKs(args['gate-k'].join(','), '--gate-k'),
    margin: args['gate-margin'],
    alpha: args['gate-alpha'],
    ignoreBelow: args['gate-ignore-below'],
    strict: args['gate-strict'],
  };
  const interrupt = installInterruptHandler();
  try {
    const outcome = await runGate(
      config,
      { base: args.gate!, round: round ?? null, compare },
      {
        runRound: async (roundConfig) => {
          process.stderr.write(`passk gate: sampling up to n = ${String(roundConfig.n)} per problem\n`);
          const display = createRunDisplay(options.progress);
          try {
            const { out, result } = await executeRun(await describeRun(roundConfig, { command: 'run', label: 'run' }), {
              signal: interrupt.signal,
              onEvent: (e) => display.onEvent(e),
            });
            if (!result) throw new PasskError('E_CONFIG', '--gate cannot be combined with --dry-run', '--dry-run');
            return { out, result };
          } finally {
            display.stop();
          }
        },
        onLook: (look) => {
          const ks = look.comparison.decision.perK
            .map(
              (d, i) =>
                `k=${d.k} ${(100 * look.comparison.results[i]!.meanDifference).toFixed(1)} [${(100 * d.nonInferiority.lowerBound).toFixed(1)}, ${(100 * d.regression.upperBound).toFixed(1)}]`,
            )
            .join('; ');
          process.stderr.write(
            `passk gate: n = ${look.n}: ${look.comparison.decision.overall} (${ks})${look.stop ? `; stop: ${look.stop}` : ''}\n`,
          );
        },
      },
    );
    const { record, last, result } = outcome;
    if (options.json) {
      process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
    } else if (last && outcome.newGroup) {
      reportRunOutcome(result, outcome.out, false);
      const comparison: RunComparison = {
        ...last.comparison,
        base: {
          dir: outcome.base.dir,
          model: outcome.baseGroup.model,
          config: outcome.baseGroup.config,
          simulated: outcome.baseGroup.facts.simulated,
        },
        new: {
          dir: outcome.out,
          model: outcome.newGroup.model,
          config: outcome.newGroup.config,
          simulated: outcome.newGroup.facts.simulated,
        },
        benchmark: outcome.base.manifest.benchmark.name,
        dataSha256: outcome.base.manifest.benchmark.data_sha256,
        problems: outcome.baseGroup.taskIds.length,
        options: compare,
        slopeA: { reason: 'not computed by the gate' },
      };
      const stop = record.stop!;
      process.stdout.write(
        `${compareMarkdown(comparison)}\n\nGate: stopped at n = ${stop.n} of ${stop.fixed_n} samples per problem (${(100 * stop.share_of_fixed_n).toFixed(0)}% of the fixed-n design): ${stop.reason}. Looks: ${record.looks.map((l) => l.n).join(', ')}; recorded in gate.json.\n`,
      );
    }
    if (result.interrupted || result.faults.length > 0) {
      if (!options.json) reportRunOutcome(result, outcome.out, false);
      process.exitCode = result.interrupted ? EXIT.interrupted : EXIT.harnessFault;
    } else if (last) process.exitCode = last.comparison.decision.exitCode;
  } finally {
    interrupt.dispose();
  }
}
