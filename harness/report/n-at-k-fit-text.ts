/** The n@k block `passk fit` prints after the pass@k fits: per group, 1@k and 10@k against F(k) and their fits A and B. Pure. */
import type { NAtKFitGroup } from '../analysis/n-at-k-fits.js';
import { convergence, pts, sci, signedPts } from './fit-text.js';
import { formatTable } from './format-table.js';

const num = (x: number): string => (Math.abs(x) >= 100 || Math.abs(x) < 0.01 ? x.toExponential(2) : x.toFixed(3));

export function nAtKFitText(groups: readonly NAtKFitGroup[]): string {
  const lines: string[] = [];
  for (const g of groups) {
    lines.push(`n@k against FLOPs · ${g.label} · ${g.run}`, `  clustered on: ${g.cluster_inputs.label}`);
    const ks = [...new Set(g.curves.flatMap((c) => c.points.map((p) => p.k)))].sort((a, b) => a - b);
    const rows = ks.map((k) => {
      const at = g.curves.map((c) => c.points.find((p) => p.k === k));
      const flops = at.find((p) => p)?.flops ?? null;
      return [
        String(k),
        sci(flops),
        ...at.map((p) => (p ? `${pts(p.value)}${p.standard_error > 0 ? ` ± ${pts(p.standard_error, 2)}` : ''}` : '-')),
      ];
    });
    lines.push(
      formatTable(['k', 'F(k)', ...g.curves.map((c) => `${c.n}@k %`)], rows)
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    for (const c of g.curves) {
      const a = c.fit_a;
      lines.push(
        a.reason === null
          ? `  ${c.n}@k fit A  = a + b log10 F(k): b = ${signedPts(a.slope_per_decade)} points per 10x FLOPs, RMSE ${pts(a.rmse, 2)} points, valid for ${sci(a.flops_range[0])}..${sci(a.flops_range[1])} FLOPs only`
          : `  ${c.n}@k fit A  not fitted: ${a.reason}`,
      );
      const b = c.fit_b;
      lines.push(
        b.reason === null
          ? `  ${c.n}@k fit B  = exp(-a k^-b): a = ${num(b.a)}, b = ${num(b.b)}, RMSE ${pts(b.rmse, 2)} points; ${convergence(b)}`
          : `  ${c.n}@k fit B  not fitted: ${b.reason}`,
      );
    }
    lines.push(
      `  fit C  ${g.fit_c.reason}`,
      "  ± : the Monte-Carlo estimate's standard error (points); no bootstrap intervals for n@k",
      '',
    );
  }
  return lines.join('\n');
}
