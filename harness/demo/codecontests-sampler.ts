/**
 * The CodeContests demo's simulated model behind the Sampler interface: sample j of a problem
 * is drawn (seeded by model, config, problem and index) from the problem's pool
 * (codecontests-pool.ts), a whole Python program (format "full"). Token counts are estimates
 * and a request's latency is simulated as in the built-in demo (simulated-sampler.ts). The
 * pools are made once, before the run (preflight).
 */
import type { Task } from '../../kernel/task.js';
import { referenceSolutions } from '../../benchmarks/codecontests/solutions.js';
import { deriveSeed, mulberry32 } from '../metrics/random.js';
import type { SampledCompletion, Sampler, SamplerFacts, SampleRequest } from '../samplers/sampler.js';
import { drawFromPool, problemPool, type PoolProgram } from './codecontests-pool.js';
import { estimateTokens } from './token-estimate.js';

const PREFILL_MS = 25;
const MS_PER_TOKEN = 5;

/** The CodeContests index of a task id ("CodeContests/147" gives 147). */
const problemIndex = (taskId: string) => Number(taskId.split('/')[1]);

export class CodeContestsSimulatedSampler implements Sampler {
  readonly kind = 'simulated-codecontests';
  readonly offline = true;
  readonly maxBatch = Number.POSITIVE_INFINITY;
  readonly concurrency = 4;
  private pools = new Map<string, PoolProgram[]>();

  constructor(
    private readonly model: string,
    private readonly seed: number,
  ) {}

  async preflight(tasks: readonly Task[]): Promise<SamplerFacts> {
    const solutions = referenceSolutions('python');
    for (const task of tasks) this.pools.set(task.id, problemPool(task, solutions.get(problemIndex(task.id)), this.seed));
    return {
      kind: this.kind,
      seed: this.seed,
      pools: Object.fromEntries(
        [...this.pools].map(([id, pool]) => [id, Object.fromEntries(pool.map((p) => [p.kind, Number(p.weight.toFixed(6))]))]),
      ),
      correct: 'passk solutions (benchmarks/codecontests/solutions/), else a lookup of every test',
    };
  }

  async sample(req: SampleRequest): Promise<SampledCompletion[]> {
    const pool = this.pools.get(req.task.id);
    if (!pool) throw new Error(`the simulated CodeContests model has no pool for ${req.task.id}`);
    const completions = req.indices.map((index): SampledCompletion => {
      const seed = deriveSeed(this.seed, this.model, req.config.name, req.task.id, index);
      const { program } = drawFromPool(pool, mulberry32(seed)());
      return {
        index,
        text: program,
        promptTokens: estimateTokens(req.prompt),
        completionTokens: estimateTokens(program) + 1,
        tokenSource: 'estimate',
        finishReason: 'stop',
        seed,
        sampleMs: 0,
      };
    });
    const longest = Math.max(0, ...completions.map((c) => c.completionTokens ?? 0));
    return completions.map((c) => ({ ...c, sampleMs: PREFILL_MS + MS_PER_TOKEN * longest }));
  }

  async close(): Promise<void> {}
}
