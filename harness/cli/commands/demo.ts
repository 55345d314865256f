/**
 * passk demo: the README's first command. Runs the whole pipeline offline on the built-in
 * suite with two seeded simulated models and prints where the run folder, plots and
 * report are. `--benchmark codecontests --data FILE`: a simulated model on CodeContests
 * problems, n@k beside pass@k (harness/demo/codecontests-demo.ts).
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { PasskError } from '../../../kernel/errors.js';
import { runDemo } from '../../demo/run-demo.js';
import { runCodeContestsDemo } from '../../demo/codecontests-demo.js';
import type { Summary } from '../../store/records.js';
import { pts, signedPts } from '../../report/fit-text.js';
import type { ProgressMode } from '../progress.js';
import { createRunDisplay } from '../run-display.js';

interface DemoArgs {
  benchmark: 'builtin' | 'codecontests';
  data?: string;
  problems: number;
  out?: string;
  n: number;
  seed: number;
  jobs: number;
  bootstrap: number;
  timeout: number;
  progress?: ProgressMode;
}

const command: CommandModule<object, DemoArgs> = {
  command: 'demo',
  describe: 'Run the whole pipeline offline on the built-in suite with two simulated models; write a run folder, plots and an HTML report',
  builder: (y: Argv) =>
    y
      .option('benchmark', {
        choices: ['builtin', 'codecontests'] as const,
        default: 'builtin' as const,
        describe: 'the built-in suite (two simulated models), or CodeContests (one simulated model; n@k beside pass@k)',
      })
      .option('data', { type: 'string', describe: "--benchmark codecontests: the dataset's file (codecontests_test.jsonl.gz)" })
      .option('problems', { type: 'number', default: 20, describe: '--benchmark codecontests: how many problems' })
      .option('out', {
        type: 'string',
        describe: 'output folder (a previous demo there is replaced; default results/demo, or results/demo-codecontests)',
      })
      .option('n', { type: 'number', default: 20, describe: 'samples per task and model' })
      .option('seed', { type: 'number', default: 0, describe: 'seed of the simulated models and the bootstrap' })
      .option('jobs', { type: 'number', default: availableParallelism(), describe: 'programs executed at once' })
      .option('bootstrap', { type: 'number', default: 2000, describe: 'bootstrap replicates' })
      .option('timeout', { type: 'number', default: 2, describe: 'seconds per program' })
      .option('progress', {
        choices: ['bar', 'lines', 'off'] as const,
        describe: 'progress display (default: bars on a terminal, lines otherwise)',
      })
      .check((a) => {
        const args = a as unknown as DemoArgs;
        if (!(Number.isInteger(args.n) && args.n >= 1 && args.n <= 1000))
          throw new PasskError('E_CONFIG', `--n must be an integer in 1..1000, got ${args.n}`);
        if (!(Number.isInteger(args.jobs) && args.jobs >= 1))
          throw new PasskError('E_CONFIG', `--jobs must be a positive integer, got ${args.jobs}`);
        if (!(Number.isInteger(args.bootstrap) && args.bootstrap >= 100))
          throw new PasskError('E_CONFIG', `--bootstrap must be an integer >= 100, got ${args.bootstrap}`);
        if (!(args.timeout > 0)) throw new PasskError('E_CONFIG', `--timeout must be positive, got ${args.timeout}`);
        if (args.benchmark === 'codecontests' && !args.data)
          throw new PasskError('E_CONFIG', '--benchmark codecontests needs --data FILE (codecontests_test.jsonl.gz)', '--data');
        if (!(Number.isInteger(args.problems) && args.problems >= 1))
          throw new PasskError('E_CONFIG', `--problems must be a positive integer, got ${args.problems}`);
        return true;
      }) as unknown as Argv<DemoArgs>,
  handler: async (args) => {
    if (args.benchmark === 'codecontests') return codecontestsDemo(args);
    const display = createRunDisplay(args.progress);
    const r = await runDemo({
      out: args.out ?? 'results/demo',
      n: args.n,
      seed: args.seed,
      jobs: args.jobs,
      bootstrap: args.bootstrap,
      timeoutMs: Math.round(args.timeout * 1000),
      onEvent: (event) => display.onEvent(event),
      log: (line) => process.stderr.write(`passk demo: ${line}\n`),
    }).finally(() => display.stop());
    const lines = [
      'passk demo: SIMULATED models (planted success rates; canonical solutions and mutants executed for real), built-in suite',
      '',
    ];
    for (const g of r.analysis.groups) {
      const last = g.points[g.points.length - 1];
      const slope = g.fit_a.reason === null ? `${signedPts(g.fit_a.slope_per_decade)} points per 10x FLOPs` : g.fit_a.reason;
      lines.push(
        `  ${g.label.padEnd(38)} pass@1 ${pts(g.points[0]?.pass_at_k)}%  pass@${last?.k} ${pts(last?.pass_at_k)}%  fit A ${slope}  ${g.tokens?.completion_mean?.toFixed(0) ?? '-'} tokens/sample`,
      );
    }
    lines.push(
      '',
      `  run folder  ${r.runDir}   (${r.samples} samples; ${r.executed} distinct programs executed in the sandbox, ${r.reused} verdicts reused)`,
      `  plots       ${r.files.svg}${r.files.png ? `, ${r.files.png}` : ' (no PNG: no fonts installed)'}`,
      `  report      ${r.files.report}`,
      `  analysis    ${r.files.analysis}`,
      `  comparison  ${r.files.compare}`,
      `  sandbox     ${r.sandbox}`,
      `  wall time   ${(r.wallMs / 1000).toFixed(1)} s`,
      '',
      `next: passk fit ${r.runDir} · passk report ${r.runDir} --out report.html · passk compare ${r.runDir} ${r.runDir} --base-model baseline-sim --new-model editseq-sim --base-config t0.8-p0.95 --new-config t0.8-p0.95`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};

/** One line per k: pass@k, 1@k and 10@k (a Monte-Carlo estimate marked *). */
function selectionLines(summary: Summary): string[] {
  const lines: string[] = [];
  for (const g of summary.groups) {
    lines.push(`  ${'k'.padEnd(6)} ${'pass@k'.padStart(7)} ${'1@k'.padStart(7)} ${'10@k'.padStart(7)}`);
    for (const k of summary.ks) {
      const cell = (n: string) => {
        const e = g.n_at_k?.[n]?.[String(k)];
        return e ? `${pts(e.value)}%${e.standard_error > 0 ? '*' : ' '}`.padStart(8) : '       -';
      };
      lines.push(`  ${String(k).padEnd(6)} ${`${pts(g.pass_at_k[String(k)]?.value)}%`.padStart(7)} ${cell('1')}${cell('10')}`);
    }
    lines.push(
      `  public tests passed by ${pts(g.public_pass_share)}% of samples; passed them but failed a hidden test: ${pts(g.false_public_pass_share)}%`,
    );
  }
  return lines;
}

async function codecontestsDemo(args: DemoArgs): Promise<void> {
  const display = createRunDisplay(args.progress);
  const r = await runCodeContestsDemo({
    out: args.out ?? 'results/demo-codecontests',
    data: args.data!,
    problems: args.problems,
    n: args.n,
    seed: args.seed,
    jobs: args.jobs,
    bootstrap: args.bootstrap,
    onEvent: (event) => display.onEvent(event),
    log: (line) => process.stderr.write(`passk demo: ${line}\n`),
  }).finally(() => display.stop());
  const lines = [
    `passk demo: a SIMULATED model on ${r.summary.groups[0] ? Object.keys(r.summary.groups[0].tasks).length : 0} CodeContests problems (programs drawn from per-problem pools, judged for real)`,
    `n@k clustered on: ${r.summary.cluster_inputs?.label ?? '-'}`,
    '',
    ...selectionLines(r.summary),
    '* Monte-Carlo estimate (standard error in summary.json)',
    '',
    `  run folder  ${r.runDir}   (${r.samples} samples; ${r.executed} judged in the sandbox, ${r.reused} verdicts reused)`,
    `  report      ${r.files.report}`,
    `  analysis    ${r.files.analysis}`,
    `  wall time   ${(r.wallMs / 1000).toFixed(1)} s`,
    '',
    `next: passk fit ${r.runDir} · passk select ${r.runDir} --cluster-inputs FILE`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export default command;
