/** What `passk frontier` prints: the choice at each budget, then each group's cost and fit C backtest. Pure. */
import type { FrontierReport } from '../analysis/frontier-report.js';
import type { FrontierOption } from '../analysis/frontier.js';
import { pts, sci } from './fit-text.js';
import { formatTable } from './format-table.js';

export const optionText = (o: FrontierOption | null): string => (o ? `${o.label}, k=${o.k}${o.extrapolated ? ' *' : ''}` : '-');
export const valueText = (o: FrontierOption | null): string => (o ? `${pts(o.value)} [${pts(o.low)}, ${pts(o.high)}]` : '-');

export function frontierText(r: FrontierReport): string {
  const lines: string[] = [];
  const level = Math.round(r.level * 100);
  lines.push(`Compute-optimal choice by budget: ${r.axis_text}`);
  lines.push(
    formatTable(
      [
        'budget',
        'best: model · config, k',
        `pass@k % [${level}% CI]`,
        'runner-up (another model or config)',
        `pass@k % [${level}% CI]`,
        'separated',
      ],
      r.budgets.map((b) => [
        sci(b.budget),
        b.best ? optionText(b.best) : 'nothing fits this budget',
        valueText(b.best),
        optionText(b.runner_up),
        valueText(b.runner_up),
        b.runner_up ? (b.separated ? 'yes' : 'no') : '-',
      ]),
    ),
  );
  lines.push(
    `* extrapolated: k beyond the measured n, predicted by fit C (its band is the interval). Intervals: problem-level bootstrap. "separated": the best's interval lies above the runner-up's.`,
  );
  lines.push('');
  lines.push('Groups');
  for (const g of r.groups) {
    const c = g.cost;
    const cost = [
      c.completion_tokens_mean !== null ? `${c.completion_tokens_mean.toFixed(0)} completion tokens/sample` : 'no token counts',
      c.tokens_per_second !== null ? `${c.tokens_per_second.toFixed(1)} tokens/s` : null,
      c.gpu_seconds_per_sample !== null ? `${c.gpu_seconds_per_sample.toPrecision(3)} GPU-s/sample` : `no GPU-seconds (${c.reason})`,
      c.dollars_per_sample !== null ? `$${c.dollars_per_sample.toPrecision(3)}/sample` : null,
    ]
      .filter((x) => x !== null)
      .join(', ');
    lines.push(
      `  ${g.label} (n=${g.n}): ${g.reason ?? `${g.measured_options} measured + ${g.extrapolated_options} extrapolated options`}; ${cost}`,
    );
    lines.push(
      'reason' in g.backtest
        ? `    backtest: ${g.backtest.reason}`
        : `    backtest: fit C on the first ${g.backtest.train_samples} samples per problem predicted pass@k at k=${g.backtest.ks.join(',')} within RMSE ${pts(g.backtest.rmse, 2)} points (max ${pts(g.backtest.max_abs_error, 2)})`,
    );
  }
  return lines.join('\n');
}
