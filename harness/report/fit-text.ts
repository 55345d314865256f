/** The text `passk fit` prints: one block per group, then envelopes. Pure. */
import type { Analysis } from '../analysis/analyze-runs.js';
import type { CurveOut, GroupAnalysis } from '../analysis/group-analysis.js';
import type { Interval } from '../fits/bootstrap-curve.js';
import { formatTable } from './format-table.js';

export const pts = (x: number | null | undefined, d = 1): string => (x === null || x === undefined ? '-' : (100 * x).toFixed(d));
export const signedPts = (x: number, d = 1): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(d)}`;
export const ci = (i: Interval | undefined, f: (x: number) => string): string => (i ? `[${f(i[0])}, ${f(i[1])}]` : '[-]');
export const sci = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : x.toExponential(2));
const num = (x: number): string => (Math.abs(x) >= 100 || Math.abs(x) < 0.01 ? x.toExponential(2) : x.toFixed(3));

/** How a fit's optimizer ended: the flag and its reason, for every fit B and C (a curve that did not converge is drawn dotted). */
export const convergence = (f: { converged: boolean; convergence: string }): string =>
  f.converged ? `converged (${f.convergence})` : `NOT CONVERGED (${f.convergence})`;

/** The last (largest-k) point of a fitted curve, i.e. the furthest prediction. */
export function furthest(curve: CurveOut[]): CurveOut | null {
  return curve.length ? curve[curve.length - 1]! : null;
}

function groupBlock(g: GroupAnalysis): string {
  const lines: string[] = [];
  const nText = g.n_min === g.n_max ? `n=${g.n_min}` : `n=${g.n_min}..${g.n_max}`;
  lines.push(`${g.benchmark} · ${g.label} · ${g.problems} problems · ${nText} · ${g.run}`);
  lines.push(
    g.flops.reason === null
      ? `  FLOPs (${g.flops.convention}): ${sci(g.flops.per_sample_mean)} per sample, ${sci(g.flops.run_total)} for the run`
      : `  FLOPs: not available (${g.flops.reason})`,
  );
  const show = [...new Set([1, 5, 10, 20, 50, 100, g.n_min])].filter((k) => k <= g.n_min);
  const rows = show.map((k) => {
    const p = g.points[k - 1]!;
    return [`pass@${k}`, pts(p.pass_at_k), `[${pts(p.ci_low)}, ${pts(p.ci_high)}]`, sci(p.flops)];
  });
  lines.push(
    formatTable(
      ['  metric', '%', `${Math.round(100 * 0.95)}% CI`, 'F(k) FLOPs'],
      rows.map((r) => [`  ${r[0]}`, ...r.slice(1)]),
    ),
  );
  const a = g.fit_a;
  lines.push(
    a.reason === null
      ? `  fit A  pass@k = a + b log10 F(k): b = ${signedPts(a.slope_per_decade)} points per 10x FLOPs ${ci(a.slope_ci, (x) => signedPts(x))}, RMSE ${pts(a.rmse, 2)} points, valid for ${sci(a.flops_range[0])}..${sci(a.flops_range[1])} FLOPs only`
      : `  fit A  not fitted: ${a.reason}`,
  );
  const b = g.fit_b;
  const bLast = b.reason === null ? furthest(b.curve) : null;
  lines.push(
    b.reason === null
      ? `  fit B  pass@k = exp(-a k^-b): a = ${num(b.a)} ${ci(b.a_ci, num)}, b = ${num(b.b)} ${ci(b.b_ci, num)}, RMSE ${pts(b.rmse, 2)} points; predicts pass@${bLast!.k} = ${pts(bLast!.value)} [${pts(bLast!.low)}, ${pts(bLast!.high)}]; ${convergence(b)}`
      : `  fit B  not fitted: ${b.reason}`,
  );
  const c = g.fit_c;
  const cLast = c.reason === null ? furthest(c.curve) : null;
  lines.push(
    c.reason === null
      ? `  fit C  zero-inflated beta-binomial: pi0 = ${c.pi0.toFixed(3)} ${ci(c.pi0_ci, (x) => x.toFixed(3))}, alpha = ${num(c.alpha)} ${ci(c.alpha_ci, num)}, beta = ${num(c.beta)} ${ci(c.beta_ci, num)}, RMSE ${pts(c.rmse, 2)} points; predicts pass@${cLast!.k} = ${pts(cLast!.value)} [${pts(cLast!.low)}, ${pts(cLast!.high)}]; ${convergence(c)}`
      : `  fit C  not fitted: ${c.reason}`,
  );
  const bt = g.backtest;
  if (bt.reason === null) {
    const e = (f: typeof bt.a) => (f.value ? `${pts(f.value.rmse, 2)} (max ${pts(f.value.maxAbsError, 2)})` : `- (${f.reason})`);
    lines.push(
      `  backtest  fit on the first ${bt.trainSamples} samples, predict k = ${bt.ks.join(', ')}: RMSE points  A ${e(bt.a)}  B ${e(bt.b)}  C ${e(bt.c)}`,
    );
  } else lines.push(`  backtest  not run: ${bt.reason}`);
  const verdicts = Object.entries(g.verdicts)
    .sort((x, y) => y[1] - x[1])
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');
  lines.push(`  verdicts: ${verdicts}`);
  if (g.tokens)
    lines.push(
      `  tokens per sample: prompt ${g.tokens.prompt_mean?.toFixed(0) ?? '-'}, completion mean ${g.tokens.completion_mean?.toFixed(0) ?? '-'} (median ${g.tokens.completion_median?.toFixed(0) ?? '-'}, p90 ${g.tokens.completion_p90?.toFixed(0) ?? '-'}; ${g.tokens.sources.join(', ')})${g.tokens.reasoning_mean ? `, of which thinking ${g.tokens.reasoning_mean.toFixed(0)}` : ''}`,
    );
  return lines.join('\n');
}

export function fitText(analysis: Analysis): string {
  const out = analysis.groups.map(groupBlock);
  for (const e of analysis.envelopes) {
    const slope =
      e.fit_a.reason === null
        ? `fit A slope ${signedPts(e.fit_a.slope_per_decade)} points per 10x FLOPs ${ci(e.fit_a.slope_ci, (x) => signedPts(x))}`
        : `fit A: ${e.fit_a.reason}`;
    const last = e.points[e.points.length - 1]!;
    out.push(`envelope · ${e.label}: pass@${last.k} = ${pts(last.pass_at_k)} [${pts(last.ci_low)}, ${pts(last.ci_high)}]; ${slope}`);
  }
  out.push(
    `Intervals: problem-level bootstrap, B=${analysis.bootstrap.replicates}, seed ${analysis.bootstrap.seed}, ${Math.round(analysis.bootstrap.level * 100)}% percentile. FLOPs convention: ${analysis.flops_convention} (${analysis.flops_convention_text}).`,
  );
  return out.join('\n\n');
}
