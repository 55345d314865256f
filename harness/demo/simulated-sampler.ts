/**
 * The demo's simulated models behind the Sampler interface: sample j of a task passes its
 * planted-rate coin (seeded by model, config, task and index) and then emits the canonical
 * solution, else one of a few mutants picked for that task. The baseline writes the whole
 * program; the edit-sequence model writes LintSeq edit sequences of the whole program (one
 * of 3 paths per task), with the bug placed in an edit line. Truncated outputs end without
 * the end token (finish "length"). Token counts are estimates, and a request's latency is
 * simulated (a prefill, then one decoding step per token of its longest output, as a
 * server batching the request's n choices would take). The outputs of every task are made
 * once, before the run (preflight).
 */
import { canonicalProgram, type Task } from '../../kernel/task.js';
import { editSequenceCompletion, END_TOKEN } from '../rebuild/edit-sequence-format.js';
import { PythonLinter } from '../lintseq/linters/python.js';
import { lintseqPaths } from '../lintseq/generate.js';
import { deriveSeed, mulberry32, type Rng } from '../metrics/random.js';
import type { SampledCompletion, Sampler, SamplerFacts, SampleRequest } from '../samplers/sampler.js';
import { applicableMutations, applyMutation, type MutantKind, type Mutation } from './mutants.js';
import { plantedRate } from './planted-rates.js';
import type { SimulatedModel } from './simulated-models.js';
import { estimateTokens } from './token-estimate.js';

const PATHS_PER_TASK = 3;
/** Simulated latency: prefill, and per decoding step of the request's longest output. */
const PREFILL_MS = 25;
const MS_PER_TOKEN = 5;
const MUTANTS_PER_TASK = 2;
const KIND_WEIGHTS: Record<MutantKind, number> = {
  'wrong-return': 3,
  'flip-compare': 2,
  'off-by-one': 2,
  raise: 1.5,
  syntax: 1,
  truncate: 1,
  hang: 0,
};
/** Share of tasks whose mutant pool holds an infinite loop (each costs one timeout). */
const HANG_TASKS = 0.04;

/**
 * Up to MUTANTS_PER_TASK distinct mutations: a kind drawn by weight among the kinds that
 * apply (so kinds with many candidate lines, such as truncation, are not favoured), then
 * one of its lines uniformly.
 */
export function mutantPool(rng: Rng, lines: readonly string[], allowed: (m: Mutation) => boolean): Mutation[] {
  const all = applicableMutations(lines).filter(allowed);
  const pool: Mutation[] = [];
  const weights = { ...KIND_WEIGHTS, hang: rng() < HANG_TASKS ? 100 : 0 };
  while (pool.length < MUTANTS_PER_TASK) {
    const left = all.filter((m) => !pool.includes(m) && weights[m.kind] > 0);
    const kinds = [...new Set(left.map((m) => m.kind))];
    if (kinds.length === 0) break;
    let r = rng() * kinds.reduce((sum, k) => sum + weights[k], 0);
    const kind = kinds.find((k) => (r -= weights[k]) < 0) ?? kinds[kinds.length - 1]!;
    const ofKind = left.filter((m) => m.kind === kind);
    pool.push(ofKind[Math.floor(rng() * ofKind.length)]!);
    // One instance of a kind per task: two bugs of one kind would look alike.
    weights[kind] = 0;
  }
  return pool;
}

interface Output {
  completion: string;
  finish: 'stop' | 'length';
}

/**
 * The baseline's outputs for a task: the whole program after an instruction prompt (as the
 * paper's instruction-tuned baselines write it), and its mutants (bugs in solution lines).
 */
function baselineOutputs(rng: Rng, task: Task): { pass: Output; fail: Output[] } {
  const program = canonicalProgram(task);
  const lines = program.split('\n');
  const solutionLines = new Set(task.canonicalSolution.split('\n').filter((l) => l.trim() !== ''));
  const pool = mutantPool(rng, lines, (m) =>
    m.kind === 'truncate' ? m.line >= lines.length - task.canonicalSolution.split('\n').length : solutionLines.has(lines[m.line]!),
  );
  return {
    pass: { completion: program, finish: 'stop' },
    fail: pool.map((m) => ({ completion: applyMutation(lines, m).join('\n'), finish: m.kind === 'truncate' ? 'length' : 'stop' })),
  };
}

/**
 * The edit model's outputs: edit paths of the program. A mutant changes one added solution
 * line of path 0; a truncated output is path 0's text cut before one of its solution lines
 * (mid-edit, as max_tokens cuts it: no closing edits, no end token).
 */
function editOutputs(rng: Rng, task: Task, paths: string[][]): { pass: Output[]; fail: Output[] } {
  const solutionLines = new Set(task.canonicalSolution.split('\n').filter((l) => l.trim() !== ''));
  const pass = paths.map((diffs) => ({ completion: editSequenceCompletion(diffs), finish: 'stop' as const }));
  const text = (pass[0]?.completion ?? '').split('\n');
  // The added lines of path 0 and where they sit in its text.
  const added: Array<{ at: number; text: string }> = [];
  text.forEach((l, at) => l.startsWith('+') && added.push({ at, text: l.slice(1) }));
  const texts = added.map((a) => a.text);
  const fail: Output[] = [];
  for (const m of mutantPool(rng, texts, (m) => solutionLines.has(texts[m.line]!))) {
    const at = added[m.line]!.at;
    if (m.kind === 'truncate') fail.push({ completion: text.slice(0, at).join('\n'), finish: 'length' });
    else
      fail.push({
        completion: [...text.slice(0, at), ...m.replacement!.split('\n').map((r) => `+${r}`), ...text.slice(at + 1)].join('\n'),
        finish: 'stop',
      });
  }
  return { pass, fail };
}

async function editPaths(tasks: readonly Task[], seed: number): Promise<Map<string, string[][]>> {
  const linter = new PythonLinter();
  try {
    const all = await Promise.all(
      tasks.map((t) => lintseqPaths(canonicalProgram(t), { language: 'python', linter, seed, key: t.id, paths: PATHS_PER_TASK })),
    );
    return new Map(tasks.map((t, i) => [t.id, all[i]!.map((p) => p?.diffs ?? [])]));
  } finally {
    await linter.close();
  }
}

export class SimulatedSampler implements Sampler {
  readonly kind = 'simulated';
  readonly offline = true;
  readonly maxBatch = Number.POSITIVE_INFINITY;
  readonly concurrency = 4;
  private outputs = new Map<string, { pass: Output[]; fail: Output[] }>();

  constructor(
    private readonly model: SimulatedModel,
    private readonly seed: number,
  ) {}

  async preflight(tasks: readonly Task[]): Promise<SamplerFacts> {
    const paths = this.model.format === 'editseq' ? await editPaths(tasks, this.seed) : null;
    for (const task of tasks) {
      // The mutant pool belongs to the model and task, not the config: configs differ only in rates.
      const poolRng = mulberry32(deriveSeed(this.seed, 'mutants', this.model.name, task.id));
      if (paths) this.outputs.set(task.id, editOutputs(poolRng, task, paths.get(task.id)!));
      else {
        const b = baselineOutputs(poolRng, task);
        this.outputs.set(task.id, { pass: [b.pass], fail: b.fail });
      }
    }
    return {
      kind: this.kind,
      seed: this.seed,
      planted_rates: Object.fromEntries(this.model.configs.map((c) => [c.name, c.rates])),
      failures: 'mutants of the canonical solution',
    };
  }

  async sample(req: SampleRequest): Promise<SampledCompletion[]> {
    const outputs = this.outputs.get(req.task.id)!;
    const config = this.model.configs.find((c) => c.name === req.config.name);
    if (!config) throw new Error(`simulated model ${this.model.name} has no config ${req.config.name}`);
    const rate = plantedRate(this.seed, `${this.model.name}/${config.name}`, req.task.id, config.rates);
    const completions = req.indices.map((index): SampledCompletion => {
      const seed = deriveSeed(this.seed, this.model.name, config.name, req.task.id, index);
      const rng = mulberry32(seed);
      const passes = rng() < rate || outputs.fail.length === 0;
      const list = passes ? outputs.pass : outputs.fail;
      const o = list[Math.floor(rng() * list.length)]!;
      return {
        index,
        text: o.completion,
        promptTokens: estimateTokens(req.prompt),
        // Generated tokens include the stop token when the output stopped by itself.
        completionTokens: estimateTokens(o.completion) + (o.finish === 'stop' && !o.completion.endsWith(END_TOKEN) ? 1 : 0),
        tokenSource: 'estimate',
        finishReason: o.finish,
        seed,
        sampleMs: 0,
      };
    });
    const longest = Math.max(0, ...completions.map((c) => c.completionTokens ?? 0));
    const sampleMs = PREFILL_MS + MS_PER_TOKEN * longest;
    return completions.map((c) => ({ ...c, sampleMs }));
  }

  async close(): Promise<void> {}
}
