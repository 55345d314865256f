/**
 * The compare verdict: Holm-adjust each family of one-sided p-values across the ks
 * checked; a k regresses when its adjusted regression p <= alpha and is non-inferior
 * when its adjusted non-inferiority p <= alpha. Any regression -> exit 1; all non-inferior
 * -> exit 0; otherwise inconclusive (exit 2 only with --strict). Pure.
 */
import { EXIT } from '../../kernel/errors.js';
import { holm } from './paired-tests.js';
import type { PairedResult } from './paired-comparison.js';

type KVerdict = 'regression' | 'non-inferior' | 'inconclusive';

export interface Decision {
  perK: Array<{ k: number; verdict: KVerdict; pRegressionHolm: number; pNonInferiorityHolm: number }>;
  overall: KVerdict;
  exitCode: number;
}

export function decide(results: readonly PairedResult[], alpha: number, strict: boolean): Decision {
  const reg = holm(results.map((r) => r.pRegression));
  const nonInf = holm(results.map((r) => r.pNonInferiority));
  const perK = results.map((r, i) => {
    const verdict: KVerdict = reg[i]! <= alpha ? 'regression' : nonInf[i]! <= alpha ? 'non-inferior' : 'inconclusive';
    return { k: r.k, verdict, pRegressionHolm: reg[i]!, pNonInferiorityHolm: nonInf[i]! };
  });
  const overall: KVerdict = perK.some((p) => p.verdict === 'regression')
    ? 'regression'
    : perK.every((p) => p.verdict === 'non-inferior')
      ? 'non-inferior'
      : 'inconclusive';
  const exitCode = overall === 'regression' ? EXIT.regression : overall === 'inconclusive' && strict ? EXIT.inconclusive : EXIT.ok;
  return { perK, overall, exitCode };
}
