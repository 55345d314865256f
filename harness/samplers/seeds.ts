/**
 * Per-sample seeds. Sample i of (run seed, model, config, task) gets `base + i`, where the
 * base is derived from the other four. That is exactly what vLLM does with one request
 * for n samples and seed s (its i-th child is seeded s + i), so a request for samples
 * a..b sends seed base + a and every sample gets the same completion whether it was asked
 * for alone, in a batch, or again after a resume. Pure.
 */
import { deriveSeed } from '../metrics/random.js';

/** Bases stay below 2^30 so that base + index fits a signed 32-bit seed (llama.cpp, TGI). */
const BASE_MASK = 0x3fffffff;

export function seedBase(runSeed: number, model: string, config: string, taskId: string): number {
  return deriveSeed(runSeed, model, config, taskId) & BASE_MASK;
}
