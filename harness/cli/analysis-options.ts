/**
 * What `fit`, `plot` and `report` share: the flags that choose the FLOPs convention, the
 * bootstrap and the extrapolation, architecture overrides, and loading and analysing the
 * run folders.
 */
import type { Argv } from 'yargs';
import { analyzeRuns, type Analysis } from '../analysis/analyze-runs.js';
import type { GroupComputation } from '../analysis/group-analysis.js';
import { PasskError } from '../../kernel/errors.js';
import type { Architecture } from '../metrics/architecture.js';
import { DEFAULT_FLOPS_CONVENTION, FLOPS_CONVENTIONS, type FlopsConvention } from '../metrics/flops.js';
import { readHfConfig } from '../metrics/hf-config.js';
import { readRun, type RunData } from '../store/run-files.js';

export interface AnalysisArgs {
  runs: string[];
  'flops-convention': FlopsConvention;
  bootstrap: number;
  seed: number;
  level: number;
  extrapolate: number;
  arch?: string[];
}

export function analysisOptions<T>(y: Argv<T>): Argv<T & AnalysisArgs> {
  return y
    .positional('runs', { type: 'string', array: true, demandOption: true, describe: 'run folders' })
    .option('flops-convention', {
      choices: FLOPS_CONVENTIONS,
      default: DEFAULT_FLOPS_CONVENTION,
      describe: 'kv-shared (default): KV cache, one prefill per problem; kv-no-sharing; kaplan; 2n-generated',
    })
    .option('bootstrap', { type: 'number', default: 2000, describe: 'problem-level bootstrap replicates (>= 2000 for reported intervals)' })
    .option('seed', { type: 'number', default: 0, describe: 'bootstrap seed' })
    .option('level', { type: 'number', default: 0.95, describe: 'interval level' })
    .option('extrapolate', { type: 'number', default: 10, describe: 'draw fits B and C up to this multiple of n (dashed beyond n)' })
    .option('arch', { type: 'string', array: true, describe: 'MODEL=config.json: architecture facts for a model whose run lacks them' })
    .check((a) => {
      const args = a as unknown as AnalysisArgs;
      if (!(Number.isInteger(args.bootstrap) && args.bootstrap >= 100))
        throw new PasskError('E_CONFIG', `--bootstrap must be an integer >= 100, got ${args.bootstrap}`);
      if (!(args.level > 0.5 && args.level < 1)) throw new PasskError('E_CONFIG', `--level must be in (0.5, 1), got ${args.level}`);
      if (!(args.extrapolate >= 1)) throw new PasskError('E_CONFIG', `--extrapolate must be >= 1, got ${args.extrapolate}`);
      return true;
    }) as unknown as Argv<T & AnalysisArgs>;
}

/** --arch MODEL=config.json, read as architecture facts per model. */
async function archOverrides(specs: readonly string[] = []): Promise<Map<string, Architecture>> {
  const out = new Map<string, Architecture>();
  for (const spec of specs) {
    const eq = spec.lastIndexOf('=');
    if (eq <= 0) throw new PasskError('E_CONFIG', `expected MODEL=path/to/config.json, got "${spec}"`, '--arch');
    out.set(spec.slice(0, eq), await readHfConfig(spec.slice(eq + 1)));
  }
  return out;
}

export async function loadAnalysis(args: AnalysisArgs): Promise<{ analysis: Analysis; computations: GroupComputation[]; runs: RunData[] }> {
  const runs = await Promise.all(args.runs.map((dir) => readRun(dir)));
  const result = analyzeRuns(
    runs,
    {
      convention: args['flops-convention'],
      bootstrap: { replicates: args.bootstrap, seed: args.seed, level: args.level },
      extrapolate: args.extrapolate,
    },
    await archOverrides(args.arch),
  );
  if (result.analysis.groups.length === 0) throw new PasskError('E_INPUT', 'the runs hold no samples yet', args.runs.join(', '));
  return { ...result, runs };
}

export interface CostArgs {
  gpus: number;
  'gpu-hour-price'?: number;
}

/** --gpus and --gpu-hour-price: how request latency becomes GPU-seconds and dollars (docs/formulas.md, "Measured cost"). */
export function costOptions<T>(y: Argv<T>): Argv<T & CostArgs> {
  return y
    .option('gpus', { type: 'number', default: 1, describe: "GPUs serving each model: a request's latency counts on each" })
    .option('gpu-hour-price', { type: 'number', describe: 'dollars per GPU-hour: adds a dollar axis' })
    .check((a) => {
      const args = a as unknown as CostArgs;
      if (!(Number.isInteger(args.gpus) && args.gpus >= 1))
        throw new PasskError('E_CONFIG', `--gpus must be an integer >= 1, got ${args.gpus}`);
      const price = args['gpu-hour-price'];
      if (price !== undefined && !(Number.isFinite(price) && price > 0))
        throw new PasskError('E_CONFIG', `--gpu-hour-price must be a positive number of dollars, got ${price}`);
      return true;
    }) as unknown as Argv<T & CostArgs>;
}
