/**
 * npm run bench -- diversity-frontier: the sample views (every distinct program normalized
 * and linted in the Python linter's worker, diversity curves, static errors, measured cost,
 * problem views) and `passk frontier`'s analysis (pass@k with B = 2000 problem-bootstrap
 * intervals, fits A/B/C and their bootstrap, the backtest, the choice at 6 budgets) over a
 * synthetic run of 164 problems x n = 200 (32,800 samples, nearly all distinct programs,
 * varying by local names, comments, operators and constants). Side by side: the closed-form k-subset expectation
 * against the seeded Monte Carlo estimate (1,000 random k-subsets per k) that a harness
 * without it would use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRuns } from '../../harness/analysis/analyze-runs.js';
import { describeSamples, groupMeasuredCosts } from '../../harness/analysis/describe-samples.js';
import { DEFAULT_DIVERSITY } from '../../harness/analysis/diversity-view.js';
import { frontierReport } from '../../harness/analysis/frontier-report.js';
import { fitKs } from '../../harness/fits/fitted.js';
import { expectedDistinct } from '../../harness/metrics/diversity.js';
import { mulberry32, randInt } from '../../harness/metrics/random.js';
import { DEFAULT_FLOPS_CONVENTION } from '../../harness/metrics/flops.js';
import { readRun } from '../../harness/store/run-files.js';
import { writeSyntheticRun } from '../support/synthetic-run.js';

const PROBLEMS = 164;
const N = 200;
const arch = { layers: 24, d_model: 2048, n_heads: 16, d_ff: 8192, mlp: 'plain', vocab_size: 50257, tied_embeddings: true };

/**
 * Sample i of problem t: a small function in one of 40 surface variants (4 sets of local
 * names x 2 comments x 5 operators, 3 of them "+") with one of 25 guard constants, so
 * nearly every sample of a problem is a distinct text (as real samples at temperature
 * 0.8 are) while normalization folds the names and comments.
 */
function program(t: number, i: number): string {
  const v = (i * 7919 + t * 31) % 40;
  const names = [
    ['xs', 'acc', 'x'],
    ['items', 'total', 'item'],
    ['values', 's', 'v'],
    ['nums', 'out', 'n'],
  ][v % 4]!;
  const comment = Math.floor(v / 4) % 2 === 0 ? '' : '    # add them up\n';
  const op = ['+', '-', '*', '+', '+'][Math.floor(v / 8)]!;
  const guard = (i * 13 + t) % 25;
  const [xs, acc, x] = names;
  return `def f_${t}(${xs}, k):\n    """Problem ${t}."""\n${comment}    if len(${xs}) > ${guard}:\n        return None\n    ${acc} = ${t % 7}\n    for ${x} in ${xs}:\n        ${acc} = ${acc} ${op} ${x} * k\n    return ${acc}\n`;
}

function outcomes(shift: number): boolean[][] {
  return Array.from({ length: PROBLEMS }, (_, t) => {
    const rate = Math.min(1, Math.max(0, ((t * 37) % 100) / 100 + shift));
    return Array.from({ length: N }, (_, i) => ((i * 61 + t * 13) % N) / N < rate);
  });
}

/** The Monte Carlo estimate: the mean distinct count over `draws` random k-subsets (partial Fisher-Yates). */
function monteCarloDistinct(keys: readonly string[], k: number, draws: number, seed: number): number {
  const rng = mulberry32(seed);
  const idx = keys.map((_, i) => i);
  let sum = 0;
  for (let d = 0; d < draws; d++) {
    const seen = new Set<string>();
    for (let j = 0; j < k; j++) {
      const r = j + randInt(rng, idx.length - j);
      [idx[j], idx[r]] = [idx[r]!, idx[j]!];
      seen.add(keys[idx[j]!]!);
    }
    sum += seen.size;
  }
  return sum / draws;
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'passk-bench-diversity-'));
  try {
    writeSyntheticRun({
      dir,
      groups: [
        {
          model: 'a',
          config: 't0.8',
          outcomes: outcomes(-0.2),
          promptTokens: 120,
          completionTokens: (t, i) => 80 + ((t + i) % 40),
          sampleMs: 4000,
          requestSamples: 20,
          program,
        },
      ],
      models: [{ name: 'a', format: 'completion', architecture: arch }],
    });
    const run = await readRun(dir);
    process.stdout.write(
      `${run.samples.length} samples (${PROBLEMS} problems x n=${N}), ${new Set(run.samples.map((s) => s.program)).size} distinct programs\n`,
    );

    let t = performance.now();
    const views = await describeSamples([run], { costs: { gpus: 1, gpuHourPrice: 2 }, diversity: DEFAULT_DIVERSITY });
    const viewsMs = performance.now() - t;
    const g = views.groups[0]!;
    const distinct = new Set(run.samples.map((s) => s.program)).size;
    process.stdout.write(
      `sample views (normalize + lint each distinct program, diversity, static errors, cost, problems): ${(viewsMs / 1000).toFixed(2)} s (${((1000 * distinct) / viewsMs).toFixed(0)} distinct programs/s); distinct at n: programs ${g.diversity.programs.at(-1)!.toFixed(1)}, normalized ${g.diversity.normalized.at(-1)!.toFixed(1)}, behaviours ${g.diversity.behaviours.at(-1)!.toFixed(1)}\n`,
    );

    t = performance.now();
    const { computations } = analyzeRuns([run], {
      convention: DEFAULT_FLOPS_CONVENTION,
      bootstrap: { replicates: 2000, seed: 0, level: 0.95 },
      extrapolate: 10,
    });
    const frontier = frontierReport(computations, groupMeasuredCosts([run], computations, { gpus: 1, gpuHourPrice: 2 }), 'flops', null);
    const frontierMs = performance.now() - t;
    process.stdout.write(
      `frontier (analysis with B=2000 bootstrap, fits, backtest, 6 budgets): ${(frontierMs / 1000).toFixed(2)} s; ${frontier.options.length} options\n`,
    );
    process.stdout.write(`total: ${((viewsMs + frontierMs) / 1000).toFixed(2)} s (acceptance: under 60 s on 2 cores)\n`);

    // Closed form against Monte Carlo, every problem at every reported k.
    const keys = Array.from({ length: PROBLEMS }, (_, p) => run.samples.filter((s) => s.task_id === `T/${p}`).map((s) => s.program));
    const ks = fitKs(N);
    t = performance.now();
    let exact = 0;
    for (const list of keys) for (const k of ks) exact += expectedDistinct(list, k);
    const exactMs = performance.now() - t;
    t = performance.now();
    let mc = 0;
    for (let p = 0; p < keys.length; p++) for (const k of ks) mc += monteCarloDistinct(keys[p]!, k, 1000, p * 100 + k);
    const mcMs = performance.now() - t;
    const cells = keys.length * ks.length;
    process.stdout.write(
      `expected distinct over ${cells} (problem, k) cells: closed form ${exactMs.toFixed(1)} ms, Monte Carlo (1,000 subsets) ${mcMs.toFixed(0)} ms: ${(mcMs / exactMs).toFixed(0)}x; mean |difference| ${(Math.abs(exact - mc) / cells).toFixed(4)} distinct\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
