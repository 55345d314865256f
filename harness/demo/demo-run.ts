/**
 * The demo's run description: the built-in suite, the two simulated models (simulated-
 * sampler.ts) and their two sampling configs, executed in the real Python sandbox by the
 * same runner as `passk eval` and `passk run`.
 */
import { loadBenchmark } from '../../benchmarks/registry.js';
import { DEFAULT_LIMITS } from '../../sandbox/executor.js';
import type { RunDescription, RunModel } from '../run/run-description.js';
import { configName, DEFAULT_SAMPLING, type SamplingConfig } from '../samplers/grid.js';
import { DEFAULT_TEMPLATES } from '../samplers/prompt.js';
import { TEMPLATE_PROMPTING } from '../samplers/prompt-style.js';
import { SIMULATED_MODELS, type SimulatedModel } from './simulated-models.js';
import { SimulatedSampler } from './simulated-sampler.js';

export interface DemoRunOptions {
  dir: string;
  n: number;
  seed: number;
  jobs: number;
  bootstrap: number;
  timeoutMs: number;
}

function demoModel(m: SimulatedModel, seed: number): RunModel {
  return {
    name: m.name,
    format: m.format,
    // Instruction prompts, as the paper evaluates both kinds of model.
    template: DEFAULT_TEMPLATES[m.format]!,
    prompting: TEMPLATE_PROMPTING,
    sampler: new SimulatedSampler(m, seed),
    served: null,
    simulation: Object.fromEntries(m.configs.map((c) => [c.name, c.rates])),
    tokenCounts: 'estimate',
    architecture: m.architecture,
    simulated: true,
  };
}

/** The configs both models are simulated under, named as a real sweep would name them. */
function demoConfigs(): SamplingConfig[] {
  const byName = new Map<string, SamplingConfig>();
  for (const c of SIMULATED_MODELS.flatMap((m) => m.configs)) {
    const params = { ...DEFAULT_SAMPLING, temperature: c.temperature };
    if (configName(params) !== c.name) throw new Error(`simulated config ${c.name} does not match its settings (${configName(params)})`);
    byName.set(c.name, { name: c.name, params });
  }
  return [...byName.values()];
}

export async function demoRun(o: DemoRunOptions): Promise<RunDescription> {
  const benchmark = await loadBenchmark('builtin', {});
  return {
    command: 'demo',
    benchmark,
    tasks: benchmark.tasks,
    selection: { tasks: null, limit: null, originalAsserts: false },
    instructions: null,
    models: SIMULATED_MODELS.map((m) => demoModel(m, o.seed)),
    configs: demoConfigs(),
    n: o.n,
    seed: o.seed,
    execution: {
      executor: 'forkserver',
      jobs: o.jobs,
      limits: { ...DEFAULT_LIMITS, timeoutMs: o.timeoutMs },
      timeoutFromReference: null,
      confirmTimeouts: false,
      cacheDir: null,
      editseq: { mode: 'lintseq', malformed: 'skip' },
    },
    ks: null,
    bootstrapReplicates: o.bootstrap,
    buffer: 512,
    out: o.dir,
    label: 'demo',
    allowMixed: false,
  };
}
