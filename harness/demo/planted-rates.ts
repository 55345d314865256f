/**
 * Planted per-problem success rates of the simulated models. Each problem has a latent
 * difficulty z ~ N(0, 1) shared by both models (seeded by the problem id), so the models
 * agree on which problems are hard. A model never solves problems with z above its
 * `unsolvableAbove`; otherwise its rate is logistic(mean - slope * z + noise * e).
 * Pure.
 */
import { logistic } from '../fits/special.js';
import { deriveSeed, mulberry32 } from '../metrics/random.js';
import { normal } from './variates.js';

export interface RatePlan {
  mean: number;
  slope: number;
  noise: number;
  unsolvableAbove: number;
}

export function difficulty(seed: number, taskId: string): number {
  return normal(mulberry32(deriveSeed(seed, 'difficulty', taskId)));
}

export function plantedRate(seed: number, model: string, taskId: string, plan: RatePlan): number {
  const z = difficulty(seed, taskId);
  if (z > plan.unsolvableAbove) return 0;
  const e = normal(mulberry32(deriveSeed(seed, 'rate', model, taskId)));
  return logistic(plan.mean - plan.slope * z + plan.noise * e);
}
