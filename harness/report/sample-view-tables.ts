/** The report's tables of what the samples are: diversity, static errors, measured cost, the frontier, problems. Pure. */
import type { SampleViews } from '../analysis/describe-samples.js';
import type { FrontierReport } from '../analysis/frontier-report.js';
import { pts, sci } from './fit-text.js';
import { optionText, valueText } from './frontier-text.js';
import { esc, table } from './html-util.js';

const f2 = (x: number | null) => (x === null ? '-' : x.toFixed(2));
const corr = (x: number | null) => (x === null ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`);

export function diversityTable(v: SampleViews): string {
  return table(
    [
      'model · config',
      'k',
      'distinct programs',
      'distinct normalized',
      'distinct behaviours',
      'token edit distance (mean pair)',
      'share normalized-distinct vs gain: Pearson / Spearman',
    ],
    v.groups.map((g) => {
      const d = g.diversity;
      const at = (xs: number[]) =>
        xs.map((x, i) => `${d.ks[i]}: ${x.toFixed(2)}`).filter((_, i) => [0, d.ks.length - 1, Math.floor(d.ks.length / 2)].includes(i));
      return [
        g.label,
        { html: [...new Set([0, Math.floor(d.ks.length / 2), d.ks.length - 1])].map((i) => d.ks[i]).join('<br>') },
        { html: [...new Set(at(d.programs))].map((s) => esc(s.split(': ')[1])).join('<br>') },
        { html: [...new Set(at(d.normalized))].map((s) => esc(s.split(': ')[1])).join('<br>') },
        { html: [...new Set(at(d.behaviours))].map((s) => esc(s.split(': ')[1])).join('<br>') },
        `${f2(d.edit_distance.mean)} (${d.edit_distance.pairs} pairs${d.edit_distance.exact ? ', all' : ', sampled'})`,
        `${corr(d.correlation.pearson)} / ${corr(d.correlation.spearman)} (${d.correlation.problems} problems, gain = pass@${d.correlation.k_max} − pass@1)`,
      ];
    }),
    'Expected distinct per problem in a random k-subset of its samples (mean over problems); normalized: parsed, comments and docstrings dropped, local names renamed canonically; behaviours: verdict and what the executor reported. Correlation across problems: the share of distinct normalized programs among n against what extra samples gained.',
  );
}

/** Any-error share per group, then the top codes side by side (the union of each group's top 8). */
export function staticErrorsTable(v: SampleViews): string {
  const top = [...new Set(v.groups.flatMap((g) => g.static_errors.codes.slice(0, 8).map((c) => c.code)))];
  const share = (gi: number, code: string) => v.groups[gi]!.static_errors.codes.find((c) => c.code === code)?.share ?? 0;
  return table(
    ['', ...v.groups.map((g) => g.label)],
    [
      ['samples with ≥ 1 lint error %', ...v.groups.map((g) => pts(g.static_errors.any_share))],
      ...top.map((code) => [code, ...v.groups.map((_, gi) => pts(share(gi, code)))]),
    ],
    "Share of samples (%) whose program has a lint error of the LintSeq rule set (Python: passk's linter, pylint E/F codes plus W0311, W0231; JavaScript/TypeScript: syntax and unresolved-name TS codes), by code.",
  );
}

export function costTable(v: SampleViews): string {
  return table(
    ['model · config', 'completion tokens/sample', 'request latency (mean s)', 'tokens/s', 'GPU-s/sample', '$/sample'],
    v.groups.map((g) => {
      const c = g.cost;
      return [
        g.label,
        c.completion_tokens_mean?.toFixed(0) ?? '-',
        c.latency_mean_s?.toFixed(3) ?? '-',
        c.tokens_per_second?.toFixed(1) ?? '-',
        c.gpu_seconds_per_sample === null
          ? { html: `<span class="reason">${esc(c.reason ?? '-')}</span>` }
          : c.gpu_seconds_per_sample.toPrecision(3),
        c.dollars_per_sample === null ? '-' : c.dollars_per_sample.toPrecision(3),
      ];
    }),
    `GPU-seconds per sample: the request's latency × GPUs (${v.groups[0]?.cost.gpus ?? 1}) split equally among the samples the request carried. Dollars: GPU-seconds × the GPU-hour price / 3600${v.groups[0]?.cost.gpu_hour_price ? ` ($${v.groups[0].cost.gpu_hour_price}/GPU-hour)` : ' (no --gpu-hour-price given)'}.`,
  );
}

export function frontierTable(r: FrontierReport): string {
  const level = Math.round(r.level * 100);
  return [
    table(
      ['budget', 'best: model · config, k', `pass@k % [${level}% CI]`, 'runner-up', `pass@k % [${level}% CI]`, 'separated'],
      r.budgets.map((b) => [
        sci(b.budget),
        b.best ? optionText(b.best) : 'nothing fits',
        valueText(b.best),
        optionText(b.runner_up),
        valueText(b.runner_up),
        b.runner_up ? (b.separated ? 'yes' : 'no') : '-',
      ]),
      `Budget: ${r.axis_text}. * extrapolated: k beyond the measured n, fit C's prediction and band. Separated: the best's interval lies above the runner-up's.`,
    ),
    table(
      ['model · config', 'backtest of fit C from n/10'],
      r.groups.map((g) => [
        g.label,
        'reason' in g.backtest
          ? { html: `<span class="reason">${esc(g.backtest.reason)}</span>` }
          : `first ${g.backtest.train_samples} samples → k=${g.backtest.ks.join(',')}: predicted ${g.backtest.predicted.map((p) => pts(p)).join(', ')} vs measured ${g.backtest.observed.map((p) => pts(p)).join(', ')} (RMSE ${pts(g.backtest.rmse, 2)} points)`,
      ]),
      'How well extrapolating from a tenth of the samples predicted what all of them show: the check on the extrapolated choices above.',
    ),
  ].join('\n');
}

export function problemsTable(v: SampleViews): string {
  const p = v.problems;
  const only = Object.entries(p.only)
    .map(([model, ids]) => `<li><b>${esc(model)}</b> alone solves ${ids.length}: ${ids.map(esc).join(', ') || '-'}</li>`)
    .join('');
  return [
    `<ul class="note">${only}</ul>`,
    table(
      ['problem', ...p.labels, 'solved by'],
      p.problems.map((row) => [
        row.task_id,
        ...row.groups.map((c) => (c ? `${c.c}/${c.n}${c.k_half !== null ? ` (k½=${c.k_half})` : ''}` : '-')),
        row.solved_by.join(', ') || 'none',
      ]),
      'c/n per model and config; k½: the smallest k at which pass@k reaches 50%.',
    ),
  ].join('\n');
}
