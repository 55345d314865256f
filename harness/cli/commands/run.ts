/**
 * passk run [SPEC] [overrides]: sample from served models over a sweep of sampling
 * settings, rebuild and execute each completion while generation goes on, record each
 * sample as soon as it is scored, and summarize per model and config. Without a spec file
 * the flags describe a single-model run. The same command resumes an interrupted run.
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule, Options } from 'yargs';
import { PasskError } from '../../core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../../sandbox/executor.js';
import { createExecutor } from '../../../sandbox/registry.js';
import { generateSamples, plannedSamples, planRequests } from '../../pipeline/generate.js';
import { runEvaluation } from '../../pipeline/evaluate.js';
import { FLAG_FIELDS } from '../../spec/fields.js';
import { loadRunSpec, overridesFromFlags, parseSetOverride } from '../../spec/index.js';
import { renderSpecReference } from '../../spec/reference.js';
import { defaultRunFolder, manifestModels, resolveRun, runIdentity, type ResolvedRun } from '../../spec/resolve.js';
import { OpenAiCompatibleSampler } from '../../samplers/openai-compatible.js';
import { installInterruptHandler } from '../interrupt.js';
import { createRunProgress } from '../run-progress.js';
import { renderSummary } from '../summary-table.js';

interface RunArgs {
  spec?: string;
  set?: string[];
  json: boolean;
  progress?: 'bar' | 'lines' | 'off';
  'dry-run': boolean;
  'spec-reference': boolean;
  [flag: string]: unknown;
}

/** One yargs option per flagged spec field, without defaults (the schema's defaults apply after the file). */
function specOptions(y: Argv): Argv {
  for (const f of FLAG_FIELDS) {
    const o: Options = { describe: f.description, group: f.path[0] === 'models' ? 'Model (each model of the spec):' : f.path[0] === 'sampling' ? 'Sampling grid:' : f.path[0] === 'execution' ? 'Execution:' : f.path[0] === 'client' ? 'Servers:' : 'Run:' };
    if (f.type === 'boolean') o.type = 'boolean';
    else if (f.type === 'number') o.type = 'number';
    else o.type = 'string';
    if (f.list) o.array = true;
    if (f.choices) o.choices = f.choices;
    y = y.option(f.flag!, o);
  }
  return y;
}

function describePlan(run: ResolvedRun, planned: number, recorded: number, out: string): string {
  const lines = [
    `run folder: ${out}`,
    `${run.bench.name}: ${run.tasks.length} tasks x ${run.models.length} models x ${run.configs.length} configs x n=${run.spec.n} = ${run.tasks.length * run.models.length * run.configs.length * run.spec.n} samples (${recorded} recorded, ${planned} to sample)`,
    `configs: ${run.configs.map((c) => c.name).join(', ')}`,
    ...run.models.map((m) => `model ${m.name}: ${m.spec.sampler}${m.spec.model ? ` ${m.spec.model}` : ''} (${m.format}), ${m.spec.endpoints?.join(', ') ?? m.spec.samples ?? ''}`),
  ];
  return lines.join('\n');
}

function retryReport(run: ResolvedRun): string[] {
  const out: string[] = [];
  for (const m of run.models) {
    if (!(m.sampler instanceof OpenAiCompatibleSampler)) continue;
    const retries = [...m.sampler.pool.retries];
    if (retries.length) out.push(`model ${m.name}: ${retries.reduce((a, [, c]) => a + c, 0)} requests retried (${retries.map(([r, c]) => `${r}: ${c}`).join(', ')})`);
    out.push(...m.sampler.warnings.slice(0, 3));
  }
  return out;
}

const command: CommandModule<object, RunArgs> = {
  command: 'run [spec]',
  describe: 'Sample from served models over a sampling sweep, execute every sample as it arrives, record and score (resumable)',
  builder: (y: Argv) =>
    specOptions(y)
      .positional('spec', { type: 'string', describe: 'the run spec (YAML or JSON); without one, flags describe a single-model run' })
      .option('set', { type: 'string', array: true, describe: 'set any spec field: PATH=VALUE (VALUE is YAML), e.g. models.0.stop=["\\n\\n"]', group: 'Run:' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the table' })
      .option('progress', { choices: ['bar', 'lines', 'off'] as const, describe: 'progress display (default: bars on a terminal, lines otherwise)' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'check the spec and the servers, print the plan, sample nothing' })
      .option('spec-reference', { type: 'boolean', default: false, describe: 'print every spec field (from the schema) and an example spec' })
      .example('$0 run spec.yaml --n 50 --temperature 0.2 0.8', 'a sweep from a spec, with overrides')
      .example('$0 run --benchmark humaneval --data HumanEval.jsonl.gz --endpoint http://localhost:8000/v1 --model M --format baseline --n 20 --temperature 0.8 --top-p 0.95 --max-tokens 512 --out results/m', 'one model, no spec file') as unknown as Argv<RunArgs>,
  handler: async (args) => {
    if (args['spec-reference']) {
      process.stdout.write(renderSpecReference());
      return;
    }
    const overrides = [...overridesFromFlags(args), ...(args.set ?? []).map(parseSetOverride)];
    const { spec } = await loadRunSpec(args.spec, overrides);
    const run = await resolveRun(spec);
    // Every server is checked before anything is written or sampled.
    const facts = await Promise.all(run.models.map((m) => m.sampler.preflight(run.tasks, spec.n)));
    const identity = runIdentity(run, facts);
    const out = spec.out ?? defaultRunFolder(run, identity);
    const jobs = spec.execution.jobs ?? availableParallelism();
    const limits: Limits = { ...DEFAULT_LIMITS, timeoutMs: Math.round(spec.execution.timeout * 1000), memoryMb: spec.execution.memory };

    if (args['dry-run']) {
      const plan = planRequests({ tasks: run.tasks, models: run.models, configs: run.configs, n: spec.n, recorded: new Set() });
      process.stdout.write(`${describePlan(run, plannedSamples(plan), 0, out)}\n(dry run: nothing sampled)\n`);
      return;
    }
    const languages = new Set(run.tasks.map((t) => t.language));
    if (languages.size !== 1) throw new PasskError('E_DATASET', `a benchmark must have one language, found ${[...languages].join(', ')}`);
    const { executor, limitsFor } = await createExecutor([...languages][0]!, {
      kind: spec.execution.executor,
      jobs,
      cacheDir: spec.execution.cache_dir,
      timeoutFromReference: spec.execution.timeout_from_reference,
      tasks: run.tasks,
      limits,
    });
    const interrupt = installInterruptHandler();
    const progress = createRunProgress(args.progress);
    try {
      const result = await runEvaluation({
        dir: out,
        identity: {
          command: 'run',
          spec: identity,
          benchmark: { name: run.bench.name, data_path: run.bench.dataPath, data_sha256: run.bench.dataSha256, tasks: run.tasks.length },
          samplesSource: null,
          models: manifestModels(run, facts),
          seed: spec.seed,
        },
        tasks: run.tasks,
        samples: (recorded) => {
          const plan = planRequests({ tasks: run.tasks, models: run.models, configs: run.configs, n: spec.n, recorded });
          const planned = plannedSamples(plan);
          progress.setTotal(planned);
          if (recorded.size > 0) process.stderr.write(`resuming ${out}: ${recorded.size} samples already recorded, ${planned} to sample\n`);
          return generateSamples({ plan, seed: spec.seed, buffer: spec.client.buffer, signal: interrupt.signal, onGenerated: (k) => progress.generated(k) });
        },
        executor,
        limits,
        limitsFor,
        concurrency: Math.max(2, jobs * 2),
        editseq: { mode: spec.execution.editseq_mode, malformed: spec.execution.malformed },
        confirmTimeouts: spec.execution.confirm_timeouts,
        ks: spec.ks,
        bootstrap: { replicates: spec.bootstrap, seed: spec.seed, level: 0.95 },
        progress: 'off',
        signal: interrupt.signal,
        onRecord: () => progress.executed(1),
      });
      progress.stop();
      if (args.json) process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
      else process.stdout.write(`${renderSummary(result.summary, out)}\n`);
      for (const line of retryReport(run)) process.stderr.write(`${line}\n`);
      if (result.interrupted) process.exitCode = 130;
      else if (result.faults.length > 0) {
        process.stderr.write(`passk: ${result.faults.length} samples hit harness faults and were not scored, e.g. ${result.faults[0]}\n`);
        process.exitCode = 4;
      }
    } finally {
      progress.stop();
      interrupt.dispose();
      await executor.close();
      await Promise.all(run.models.map((m) => m.sampler.close()));
    }
  },
};

export default command;
