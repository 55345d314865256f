/**
 * npm run bench -- planted-drops: how often the checkpoint decision and the sequential
 * gate call planted drops of 0, 2 and 4 points of pass@1 a regression, over many seeded
 * pairs of runs (test/support/planted-drops.ts: 164 problems, n = 20, rates from a
 * U-shaped spread; the defaults k 1 and 10, margin 0.02, alpha 0.05), and how many samples
 * per problem the gate draws against the fixed-n design's 20.
 */
import { fixedDesign, N, sequentialGate, share } from '../support/planted-drops.js';

const PAIRS = 1000;

export async function main(): Promise<void> {
  process.stdout.write(`fixed n = ${N} (passk compare), ${PAIRS} seeded pairs per drop\n`);
  for (const drop of [0, 0.02, 0.04]) {
    const t = fixedDesign(drop, PAIRS, 100_000 + 10_000 * drop * 100);
    process.stdout.write(
      `  drop ${(100 * drop).toFixed(0)} points: regression ${share(t.regression, t)}, non-inferior ${share(t.nonInferior, t)}, inconclusive ${share(t.inconclusive, t)}\n`,
    );
  }
  process.stdout.write(`sequential gate (passk run --gate), 2 samples per problem per round up to ${N}, ${PAIRS} seeded pairs per drop\n`);
  for (const drop of [0, 0.02, 0.04]) {
    const t = sequentialGate(drop, PAIRS, 200_000 + 10_000 * drop * 100);
    const mean = t.samples / t.pairs;
    process.stdout.write(
      `  drop ${(100 * drop).toFixed(0)} points: regression ${share(t.regression, t)}, non-inferior ${share(t.nonInferior, t)}, undecided at n ${share(t.inconclusive, t)}; mean samples per problem ${mean.toFixed(2)} (${((100 * mean) / N).toFixed(0)}% of fixed n)\n`,
    );
  }
}
