/**
 * `passk plan`: how many samples per problem a new run needs for the compare rule to call
 * a planted drop a regression with the asked-for power (docs/formulas.md section 5,
 * "Planning"). Monte Carlo from the base run's per-problem success rates (c / n): each
 * repetition draws a base run at the base's n and a new run at n from the rates with the
 * drop planted (planted-drop.ts), and decides them exactly as `passk compare` does. Every
 * candidate n uses the same seeds, so power grows smoothly with n; the search doubles n,
 * then bisects. The same search over the number of problems (drawn with replacement from
 * the base's rates, both runs at the base's n) says how many problems would do instead.
 * Pure.
 */
import type { TaskCounts } from '../metrics/pass-at-k.js';
import { mulberry32, randInt } from '../metrics/random.js';
import { pairedT } from './bound-shape.js';
import { pairedEstimates } from './compare-counts.js';
import { decide, type DecisionRule } from './decision.js';
import { drawCounts, plantDrop } from './planted-drop.js';

export interface PlanOptions extends DecisionRule {
  ks: readonly number[];
  drop: number;
  power: number;
  repetitions: number;
  seed: number;
  /** The largest n searched. */
  cap: number;
}

export interface Plan {
  method: string;
  problems: number;
  baseN: number;
  meanPassAt1: number;
  /** Samples per problem for the new run against this base run, with its simulated power; null beyond cap. */
  samples: { n: number; power: number } | null;
  /** Problems needed with both runs at the base's n; null beyond 8 times the problems. */
  problemsNeeded: { problems: number; power: number } | null;
}

function powerAt(
  rates: readonly number[],
  baseN: number,
  newN: number,
  o: PlanOptions,
  pick: ((r: () => number) => number[]) | null,
): number {
  let hits = 0;
  for (let r = 0; r < o.repetitions; r++) {
    const rng = mulberry32(o.seed + r);
    const chosen = pick ? pick(rng).map((i) => rates[i]!) : rates;
    const base: TaskCounts[] = drawCounts(rng, chosen, baseN);
    const next = drawCounts(rng, plantDrop(chosen, o.drop), newN);
    const { results } = pairedEstimates(base, next, o.ks);
    if (results.length && decide(results, o, () => pairedT(chosen.length)).overall === 'regression') hits++;
  }
  return hits / o.repetitions;
}

/** Smallest x in [from, cap] with power(x) >= target (doubling, then bisection), or null. */
function search(from: number, cap: number, target: number, power: (x: number) => number): { x: number; power: number } | null {
  let lo = from - 1;
  let hi = from;
  let p = power(hi);
  while (p < target) {
    if (hi >= cap) return null;
    lo = hi;
    hi = Math.min(cap, hi * 2);
    p = power(hi);
  }
  let best = { x: hi, power: p };
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const pm = power(mid);
    if (pm >= target) {
      hi = mid;
      best = { x: mid, power: pm };
    } else lo = mid;
  }
  return best;
}

export function planSamples(base: readonly TaskCounts[], o: PlanOptions): Plan {
  const rates = base.map(({ n, c }) => (c + 0.5) / (n + 1));
  const baseN = Math.min(...base.map((c) => c.n));
  const meanPassAt1 = rates.reduce((s, p) => s + p, 0) / rates.length;
  plantDrop(rates, o.drop); // refuses a drop larger than the mean
  const samples = search(1, o.cap, o.power, (n) => powerAt(rates, baseN, n, o, null));
  // Fewer repetitions here: a draw of many problems costs more, and this is the rougher answer.
  const rough = { ...o, repetitions: Math.min(o.repetitions, 400) };
  const problemsNeeded = search(Math.max(2, Math.floor(rates.length / 4)), 8 * rates.length, o.power, (m) =>
    powerAt(rates, baseN, baseN, rough, (rng) => Array.from({ length: m }, () => randInt(rng, rates.length))),
  );
  return {
    method:
      `Monte Carlo, ${o.repetitions} simulated (base, new) pairs per candidate: per-problem rates (c + 0.5)/(n + 1) of the base run, ` +
      `the new run's scaled by ${(1 - o.drop / Math.max(meanPassAt1, Number.MIN_VALUE)).toFixed(4)} (mean pass@1 down ${o.drop}), ` +
      `decided as passk compare does (paired t, Holm across k = ${o.ks.join(', ')}, alpha ${o.alpha}, margin ${o.margin})`,
    problems: rates.length,
    baseN,
    meanPassAt1,
    samples: samples && { n: samples.x, power: samples.power },
    problemsNeeded: problemsNeeded && { problems: problemsNeeded.x, power: problemsNeeded.power },
  };
}
