/**
 * Planted-drop simulations for the checkpoint decision and the sequential gate, shared by
 * test/unit/compare-planted-drops.test.ts and `npm run bench -- planted-drops`: paired runs
 * over 164 problems whose per-problem rates come from Beta(0.3, 0.9) (mean 0.25, U-shaped:
 * many problems near 0, a fair number near 1), the new run's rates scaled down so that
 * mean pass@1 drops by the planted amount, decided with the defaults (k 1 and 10, margin
 * 0.02, alpha 0.05).
 */
import { compareCounts, DEFAULT_COMPARE } from '../../harness/analysis/compare-counts.js';
import { drawCounts, plantDrop } from '../../harness/analysis/planted-drop.js';
import { zeroInflatedBetaRates } from '../../harness/demo/variates.js';
import { gateLook, gateShapes } from '../../harness/gate/gate-look.js';
import { mulberry32, type Rng } from '../../harness/metrics/random.js';

const SPREAD = { pi0: 0, alpha: 0.3, beta: 0.9 };
const PROBLEMS = 164;
export const N = 20;
const OPTIONS = { ...DEFAULT_COMPARE, ks: [1, 10] };

export interface Tally {
  pairs: number;
  regression: number;
  nonInferior: number;
  inconclusive: number;
}

function pairOf(seed: number, drop: number): { rng: Rng; rates: number[]; dropped: number[] } {
  const rng = mulberry32(seed);
  const rates = zeroInflatedBetaRates(rng, PROBLEMS, SPREAD);
  return { rng, rates, dropped: plantDrop(rates, drop) };
}

/** The fixed-n decision (`passk compare`) over `pairs` seeded pairs of runs with n = 20. */
export function fixedDesign(drop: number, pairs: number, seed: number): Tally {
  const t: Tally = { pairs, regression: 0, nonInferior: 0, inconclusive: 0 };
  for (let r = 0; r < pairs; r++) {
    const { rng, rates, dropped } = pairOf(seed + r, drop);
    const outcome = compareCounts(drawCounts(rng, rates, N), drawCounts(rng, dropped, N), OPTIONS).decision.overall;
    if (outcome === 'regression') t.regression++;
    else if (outcome === 'non-inferior') t.nonInferior++;
    else t.inconclusive++;
  }
  return t;
}

export interface GateTally extends Tally {
  /** Samples per problem the new run drew, summed over the pairs. */
  samples: number;
}

/** The sequential gate: `round` more samples per problem of the new run per look, up to n = 20. */
export function sequentialGate(drop: number, pairs: number, seed: number, round = 2): GateTally {
  const t: GateTally = { pairs, regression: 0, nonInferior: 0, inconclusive: 0, samples: 0 };
  for (let r = 0; r < pairs; r++) {
    const { rng, rates, dropped } = pairOf(seed + r, drop);
    const base = drawCounts(rng, rates, N);
    const outcomes = dropped.map((p) => Array.from({ length: N }, () => rng() < p));
    const shapes = gateShapes(base, N, OPTIONS.ks, OPTIONS.alpha);
    for (let n = Math.min(round, N); ; n = Math.min(N, n + round)) {
      const next = outcomes.map((o) => ({ n, c: o.slice(0, n).filter(Boolean).length }));
      const look = gateLook(base, next, OPTIONS, shapes, N);
      if (look.stop === null) continue;
      t.samples += n;
      if (look.stop === 'regression') t.regression++;
      else if (look.stop === 'non-inferior') t.nonInferior++;
      else t.inconclusive++;
      break;
    }
  }
  return t;
}

export const share = (count: number, t: Tally): string => `${count}/${t.pairs} = ${((100 * count) / t.pairs).toFixed(1)}%`;
