/**
 * passk check-references BENCHMARK --data FILE: run every reference solution in the sandbox
 * and write the per-task table (passed, failed with the first error, missing module,
 * network, timeout, ...) that `eval` and `run` take with --only-judgeable. Prints the counts,
 * the libraries' versions and each task that is not judgeable here.
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { loadBenchmark } from '../../../benchmarks/registry.js';
import { PasskError } from '../../../kernel/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../../sandbox/executor.js';
import { createExecutor } from '../../../sandbox/registry.js';
import { checkReferences, writeReferenceTable } from '../../references/check-references.js';
import { missingModule, type ReferenceTable } from '../../references/reference-table.js';
import { createProgress, type ProgressMode } from '../progress.js';

interface CheckArgs {
  benchmark: string;
  data?: string;
  out?: string;
  python?: string;
  executor: 'forkserver' | 'subprocess';
  jobs?: number;
  timeout?: number;
  memory?: number;
  tasks?: string[];
  limit?: number;
  progress?: ProgressMode;
}

/** The counts and every task that is not judgeable, as lines. */
export function describeTable(table: ReferenceTable, out: string): string[] {
  const judged = table.counts.passed ?? 0;
  const total = table.tasks.length;
  const lines = [
    `${table.benchmark}: ${judged}/${total} references pass here (${((100 * judged) / Math.max(1, total)).toFixed(1)}%): judgeable`,
  ];
  lines.push(
    `  ${Object.entries(table.counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ')}`,
  );
  const env = table.python_environment;
  if (env) {
    const libraries = Object.entries(env.libraries);
    const installed = libraries.filter(([, v]) => v !== null).map(([name, v]) => `${name} ${v}`);
    const missing = libraries.filter(([, v]) => v === null).map(([name]) => name);
    lines.push(`  Python ${env.version} (${env.executable}): ${installed.join(', ')}`);
    if (missing.length > 0) lines.push(`  not installed: ${missing.join(', ')}`);
  }
  const modules = new Map<string, number>();
  for (const row of table.tasks) {
    const name = row.status === 'missing_module' ? missingModule(row.detail) : null;
    if (name) modules.set(name, (modules.get(name) ?? 0) + 1);
  }
  if (modules.size > 0) {
    lines.push(
      `  missing modules: ${[...modules]
        .sort((a, b) => b[1] - a[1])
        .map(([name, n]) => `${name} (${n})`)
        .join(', ')}`,
    );
  }
  for (const row of table.tasks) {
    if (row.status !== 'passed') lines.push(`  ${row.task_id}\t${row.status}\t${(row.detail ?? '').slice(0, 160)}`);
  }
  lines.push(`table: ${out} (use it with --only-judgeable)`);
  return lines;
}

const command: CommandModule<object, CheckArgs> = {
  command: 'check-references <benchmark>',
  describe: 'Run every reference solution in the sandbox and write which tasks this environment can judge (for --only-judgeable)',
  builder: (y: Argv) =>
    y
      .positional('benchmark', { type: 'string', demandOption: true, describe: 'the benchmark, e.g. ds1000, bigcodebench-hard' })
      .option('data', { type: 'string', describe: 'the benchmark file (.jsonl or .jsonl.gz)' })
      .option('out', { type: 'string', describe: 'the table to write (default: results/<benchmark>-references.json)' })
      .option('python', { type: 'string', describe: 'the interpreter programs run with (default /usr/bin/python3)' })
      .option('executor', { choices: ['forkserver', 'subprocess'] as const, default: 'forkserver' as const })
      .option('jobs', { type: 'number', describe: 'programs executed at once (default: the number of cores)' })
      .option('timeout', { type: 'number', describe: "seconds per program (default: the benchmark's)" })
      .option('memory', { type: 'number', describe: "memory limit per program, MiB (default: the benchmark's)" })
      .option('tasks', { type: 'string', array: true, describe: 'only these task ids' })
      .option('limit', { type: 'number', describe: 'only the first N tasks' })
      .option('progress', { choices: ['bar', 'lines', 'off'] as const, describe: 'progress display' })
      .example(
        '$0 check-references bigcodebench-hard --data bigcodebench_hard_v0.1.4.jsonl.gz',
        'which tasks can this machine judge?',
      ) as unknown as Argv<CheckArgs>,
  handler: async (args) => {
    const benchmark = await loadBenchmark(args.benchmark, args.data === undefined ? {} : { data: args.data });
    if (benchmark.tasks[0]?.language !== 'python') {
      throw new PasskError(
        'E_CONFIG',
        `check-references runs Python benchmarks; "${benchmark.name}" is ${benchmark.tasks[0]?.language}`,
        'BENCHMARK',
      );
    }
    let tasks = benchmark.tasks;
    if (args.tasks) {
      const wanted = new Set(args.tasks);
      tasks = tasks.filter((t) => wanted.has(t.id));
      const unknown = args.tasks.filter((id) => !tasks.some((t) => t.id === id));
      if (unknown.length > 0) throw new PasskError('E_CONFIG', `not a task of ${benchmark.name}: ${unknown.join(', ')}`, '--tasks');
    }
    if (args.limit !== undefined) tasks = tasks.slice(0, args.limit);
    const profile = benchmark.python;
    const limits: Limits = {
      ...DEFAULT_LIMITS,
      timeoutMs: Math.round((args.timeout ?? profile?.timeoutS ?? DEFAULT_LIMITS.timeoutMs / 1000) * 1000),
      memoryMb: args.memory ?? profile?.memoryMb ?? DEFAULT_LIMITS.memoryMb,
    };
    const jobs = args.jobs ?? availableParallelism();
    const notes: string[] = [];
    const executor = createExecutor('python', {
      kind: args.executor,
      jobs,
      limits,
      ...(args.python ? { python: args.python } : {}),
      ...(profile ? { preload: profile.preload, libraries: profile.libraries } : {}),
      onNote: (line) => notes.push(line),
    });
    const progress = createProgress({ counters: ['checked'], total: tasks.length, ...(args.progress ? { mode: args.progress } : {}) });
    try {
      const table = await checkReferences({
        benchmark,
        tasks,
        executor,
        limits,
        concurrency: jobs * 2,
        onChecked: () => progress.advance('checked'),
      });
      progress.stop();
      const out = args.out ?? `results/${benchmark.name}-references.json`;
      await writeReferenceTable(out, table);
      for (const line of notes) process.stderr.write(`${line}\n`);
      process.stdout.write(`${describeTable(table, out).join('\n')}\n`);
    } finally {
      progress.stop();
      await executor.close();
    }
  },
};

export default command;
