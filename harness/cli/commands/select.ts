/**
 * passk select RUN [--cluster-inputs FILE]: n@k for a stdin/stdout run (CodeContests), beside
 * pass@k. The samples that pass the public tests run once more on the clustering inputs (the
 * hidden tests' inputs without their outputs when no file is given: an oracle-input upper
 * bound, and labelled so); selection.json is written into the run folder and a table printed
 * (docs/formulas.md, "n@k"; docs/records.md, "selection.json").
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { loadBenchmark } from '../../../benchmarks/registry.js';
import { PasskError } from '../../../kernel/errors.js';
import { DEFAULT_LIMITS } from '../../../sandbox/executor.js';
import { createExecutor } from '../../../sandbox/registry.js';
import { DEFAULT_KS } from '../../metrics/pass-at-k.js';
import { oracleClusterInputs, readClusterInputs } from '../../selection/cluster-inputs.js';
import { passedPublicTests } from '../../selection/public-pass.js';
import { selectRun, SELECTION_NS } from '../../selection/select-run.js';
import { readRun } from '../../store/run-files.js';
import { createProgress } from '../progress.js';
import { parseKs } from './compare.js';

interface SelectArgs {
  run: string;
  data?: string;
  'cluster-inputs'?: string;
  k?: string[];
  jobs: number;
  seed: number;
}

const command: CommandModule<object, SelectArgs> = {
  command: 'select <run>',
  describe: 'n@k (AlphaCode: filter by public tests, cluster by outputs, submit n) beside pass@k for a stdin/stdout run',
  builder: (y: Argv) =>
    y
      .positional('run', { type: 'string', demandOption: true, describe: 'the run folder' })
      .option('data', { type: 'string', describe: "the benchmark's data file (default: the one the run recorded)" })
      .option('cluster-inputs', {
        type: 'string',
        describe:
          'JSON lines {"task_id", "inputs": [...]}: the inputs to cluster on (default: the hidden tests\' inputs, an oracle-input upper bound)',
      })
      .option('k', { type: 'array', string: true, describe: 'ks: --k 1 10 100 (default: those every task supports)' })
      .option('jobs', { type: 'number', default: 2, describe: 'programs run at once' })
      .option('seed', { type: 'number', default: 0, describe: 'seed of the Monte-Carlo estimates' }) as unknown as Argv<SelectArgs>,
  handler: async (args) => {
    const run = await readRun(args.run);
    const data = args.data ?? run.manifest.benchmark.data_path ?? undefined;
    const benchmark = await loadBenchmark(run.manifest.benchmark.name, data === undefined ? {} : { data });
    const ids = new Set(run.samples.map((s) => s.task_id));
    const tasks = benchmark.tasks.filter((t) => ids.has(t.id));
    const notStdio = tasks.find((t) => t.test.kind !== 'stdio');
    if (notStdio) throw new PasskError('E_CONFIG', `n@k needs stdin/stdout problems; ${notStdio.id} is not one`, args.run);
    const minN = Math.min(...tasks.map((t) => run.samples.filter((s) => s.task_id === t.id).length));
    const ks = args.k ? parseKs(args.k.join(',')) : DEFAULT_KS.filter((k) => k <= minN);
    const inputs = args['cluster-inputs'] ? await readClusterInputs(args['cluster-inputs'], tasks) : oracleClusterInputs(tasks);
    const executor = createExecutor(tasks[0]!.language, { kind: 'forkserver', jobs: args.jobs, limits: DEFAULT_LIMITS });
    const toCluster = run.samples.filter((s) => passedPublicTests(s.verdict, s.detail)).length;
    const progress = createProgress({ counters: ['clustered'], total: toCluster });
    try {
      const selection = await selectRun(tasks, run.samples, executor, inputs, {
        ks,
        limits: DEFAULT_LIMITS,
        seed: args.seed,
        onProgress: () => progress.advance('clustered'),
      });
      progress.stop();
      const out = join(args.run, 'selection.json');
      writeFileSync(out, `${JSON.stringify(selection, null, 2)}\n`);
      const lines = [`cluster inputs: ${selection.cluster_inputs.label}`];
      for (const g of selection.groups) {
        lines.push(
          `${g.model} / ${g.config}: public tests passed by ${(100 * g.public_pass_share).toFixed(1)}% of samples; ` +
            `passed public, failed hidden: ${(100 * g.false_public_pass_share).toFixed(1)}%`,
        );
        lines.push(`  k        pass@k   ${SELECTION_NS.map((n) => `${n}@k`.padStart(8)).join(' ')}`);
        for (const k of ks) {
          const pass = g.pass_at_k[String(k)];
          const cells = SELECTION_NS.map((n) => {
            const e = g.n_at_k[String(n)]?.[String(k)];
            return (e ? `${e.value.toFixed(4)}${e.standard_error > 0 ? '*' : ' '}` : '-').padStart(8);
          });
          lines.push(`  ${String(k).padEnd(8)} ${pass === null || pass === undefined ? '     -' : pass.toFixed(4)}   ${cells.join(' ')}`);
        }
      }
      lines.push('* Monte-Carlo estimate (standard error in selection.json)', out);
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await executor.close();
    }
  },
};

export default command;
