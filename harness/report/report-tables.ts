/** The report's tables, from an analysis. Pure. */
import type { Analysis } from '../analysis/analyze-runs.js';
import type { GroupAnalysis } from '../analysis/group-analysis.js';
import { seriesLabels } from './chart-data.js';
import { ci, convergence, furthest, pts, sci, signedPts } from './fit-text.js';
import { esc, table } from './html-util.js';

const num = (x: number): string => (Math.abs(x) >= 100 || Math.abs(x) < 0.01 ? x.toExponential(2) : x.toFixed(3));
const reason = (r: string) => ({ html: `<span class="reason">${esc(r)}</span>` });

export function summaryTable(a: Analysis): string {
  const labels = seriesLabels(a.groups);
  return table(
    [
      'model · config',
      'problems',
      'n',
      'pass@1 % [CI]',
      'pass@n % [CI]',
      'fit A: points per 10x FLOPs [CI]',
      'fit C: predicted pass@10n % [CI]',
      'FLOPs per sample',
      'completion tokens (mean)',
      'timeouts %',
    ],
    a.groups.map((g, i) => {
      const first = g.points[0];
      const last = g.points[g.points.length - 1];
      const c = g.fit_c.reason === null ? furthest(g.fit_c.curve) : null;
      return [
        labels[i]!,
        g.problems,
        g.n_min === g.n_max ? g.n_min : `${g.n_min}..${g.n_max}`,
        first ? `${pts(first.pass_at_k)} [${pts(first.ci_low)}, ${pts(first.ci_high)}]` : '-',
        last ? `${pts(last.pass_at_k)} [${pts(last.ci_low)}, ${pts(last.ci_high)}] (k=${last.k})` : '-',
        g.fit_a.reason === null
          ? `${signedPts(g.fit_a.slope_per_decade)} ${ci(g.fit_a.slope_ci, (x) => signedPts(x))}`
          : reason(g.fit_a.reason),
        c ? `${pts(c.value)} [${pts(c.low)}, ${pts(c.high)}] (k=${c.k})` : g.fit_c.reason !== null ? reason(g.fit_c.reason) : '-',
        g.flops.reason === null ? sci(g.flops.per_sample_mean) : reason(g.flops.reason),
        g.tokens?.completion_mean?.toFixed(0) ?? '-',
        pts(g.verdict_rates.timeout ?? 0),
      ];
    }),
    `Intervals: problem-level bootstrap (B=${a.bootstrap.replicates}, seed ${a.bootstrap.seed}, ${Math.round(a.bootstrap.level * 100)}% percentile). FLOPs: ${a.flops_convention}.`,
  );
}

export function fitsTable(a: Analysis): string {
  const labels = seriesLabels(a.groups);
  const rows = a.groups.map((g: GroupAnalysis, i) => {
    const A = g.fit_a;
    const B = g.fit_b;
    const C = g.fit_c;
    return [
      labels[i]!,
      A.reason === null
        ? `a=${num(A.intercept)}, b=${signedPts(A.slope_per_decade)} pts/10x ${ci(A.slope_ci, (x) => signedPts(x))}; RMSE ${pts(A.rmse, 2)}`
        : reason(A.reason),
      B.reason === null
        ? `a=${num(B.a)} ${ci(B.a_ci, num)}, b=${num(B.b)} ${ci(B.b_ci, num)}; RMSE ${pts(B.rmse, 2)}; ${convergence(B)}`
        : reason(B.reason),
      C.reason === null
        ? `π0=${C.pi0.toFixed(3)} ${ci(C.pi0_ci, (x) => x.toFixed(3))}, α=${num(C.alpha)} ${ci(C.alpha_ci, num)}, β=${num(C.beta)} ${ci(C.beta_ci, num)}; RMSE ${pts(C.rmse, 2)}; ${convergence(C)}`
        : reason(C.reason),
      g.backtest.reason === null
        ? `first ${g.backtest.trainSamples} samples → k=${g.backtest.ks.join(',')}: A ${g.backtest.a.value ? pts(g.backtest.a.value.rmse, 2) : '-'}, B ${g.backtest.b.value ? pts(g.backtest.b.value.rmse, 2) : '-'}, C ${g.backtest.c.value ? pts(g.backtest.c.value.rmse, 2) : '-'}`
        : reason(g.backtest.reason),
    ];
  });
  return table(
    [
      'model · config',
      'fit A: pass@k = a + b log10 F(k)',
      'fit B: pass@k = exp(-a k^-b)',
      'fit C: zero-inflated beta-binomial',
      'backtest RMSE (points)',
    ],
    rows,
    'RMSE in pass@k points inside the sampled range. Fit A is descriptive and never extrapolated; B and C predict beyond n. Backtest: fit on the first n/10 samples of every problem, predict the larger ks.',
  );
}

export function envelopeTable(a: Analysis): string {
  if (a.envelopes.length === 0)
    return '<p class="note">No model has two or more sampling configs over the same problems, so there is no best-config envelope.</p>';
  return table(
    ['envelope', 'configs', 'k: best config', 'pass@n % [CI]', 'fit A: points per 10x FLOPs [CI]'],
    a.envelopes.map((e) => {
      const last = e.points[e.points.length - 1]!;
      return [
        e.label,
        e.configs.join(', '),
        [...new Set(e.points.map((p) => p.config))]
          .map(
            (c) =>
              `${c}: k=${e.points
                .filter((p) => p.config === c)
                .map((p) => p.k)
                .join(',')}`,
          )
          .join('; '),
        `${pts(last.pass_at_k)} [${pts(last.ci_low)}, ${pts(last.ci_high)}]`,
        e.fit_a.reason === null
          ? `${signedPts(e.fit_a.slope_per_decade)} ${ci(e.fit_a.slope_ci, (x) => signedPts(x))}`
          : reason(e.fit_a.reason),
      ];
    }),
    'The best config at each k is chosen on the test set (as the paper does), which flatters the envelope; its intervals take the best config inside every bootstrap replicate.',
  );
}

export function verdictTable(a: Analysis): string {
  const labels = seriesLabels(a.groups);
  const verdicts = [...new Set(a.groups.flatMap((g) => Object.keys(g.verdicts)))];
  return table(
    ['model · config', 'samples', ...verdicts.map((v) => `${v} %`)],
    a.groups.map((g, i) => [labels[i]!, g.samples, ...verdicts.map((v) => pts(g.verdict_rates[v] ?? 0))]),
  );
}

export function tokenTable(a: Analysis): string {
  const labels = seriesLabels(a.groups);
  return table(
    ['model · config', 'prompt (mean)', 'completion mean', 'median', 'p90', 'max', 'source', 'FLOPs per sample', 'FLOPs of the run'],
    a.groups.map((g, i) => {
      const t = g.tokens;
      const f = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(0));
      return [
        labels[i]!,
        f(t?.prompt_mean),
        f(t?.completion_mean),
        f(t?.completion_median),
        f(t?.completion_p90),
        f(t?.completion_max),
        t?.sources.join(', ') ?? 'none',
        sci(g.flops.per_sample_mean),
        sci(g.flops.run_total),
      ];
    }),
    'Generated tokens as measured (including the stop token), never max_tokens.',
  );
}

export function provenanceTable(a: Analysis): string {
  return a.runs
    .map((r) =>
      table(
        ['field', 'value'],
        [
          ['run folder', r.dir],
          ['status', r.status],
          ['passk version', r.passk_version],
          ['command', r.command],
          ['benchmark', `${r.benchmark} (${r.tasks} tasks)`],
          ['data', r.data_path ?? '(built in)'],
          ['data sha256', r.data_sha256 ?? '-'],
          [
            'models',
            r.models
              .map(
                (m) =>
                  `${m.name}${m.simulated ? ' (simulated)' : ''}${m.format ? `, format ${m.format}` : ''}${m.architecture_source ? `, architecture: ${m.architecture_source}` : ''}`,
              )
              .join('; '),
          ],
          ['sandbox', r.sandbox],
          ...(r.python_environment ? [['Python environment', r.python_environment]] : []),
          ...(r.judgeable ? [['judgeable tasks (--only-judgeable)', r.judgeable]] : []),
          ['seed', r.seed ?? '-'],
          ['started / ended', `${r.started_at} / ${r.ended_at ?? '-'}`],
          ['harness faults (not scored)', r.harness_faults],
          ['host', r.host],
        ],
      ),
    )
    .join('');
}
