/**
 * passk demo: the README's first command. Runs the whole pipeline offline on the built-in
 * suite with two seeded simulated models and prints where the run folder, plots and
 * report are.
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { PasskError } from '../../../kernel/errors.js';
import { runDemo } from '../../demo/run-demo.js';
import { pts, signedPts } from '../../report/fit-text.js';
import type { ProgressMode } from '../progress.js';
import { createRunDisplay } from '../run-display.js';

interface DemoArgs {
  out: string;
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
      .option('out', { type: 'string', default: 'results/demo', describe: 'output folder (a previous demo there is replaced)' })
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
        return true;
      }) as unknown as Argv<DemoArgs>,
  handler: async (args) => {
    const display = createRunDisplay(args.progress);
    const r = await runDemo({
      out: args.out,
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

export default command;
