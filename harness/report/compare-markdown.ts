/** The markdown `passk compare` prints, fit for a CI comment. Pure. */
import type { RunComparison } from '../analysis/compare-runs.js';

const pp = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
const pct = (x: number): string => (100 * x).toFixed(1);
const p = (x: number): string => (x < 0.0001 ? '<0.0001' : x.toFixed(4));

const HEADLINE = {
  regression: (m: number) => `**REGRESSION**: the new run is worse by more than the margin (${pct(m)} points) at some k`,
  'non-inferior': (m: number) => `**No regression**: the new run is no worse than the margin (${pct(m)} points) at every k checked`,
  inconclusive: (m: number) => `**Inconclusive**: the data neither show a regression beyond ${pct(m)} points nor rule one out`,
} as const;

export function compareMarkdown(c: RunComparison): string {
  const o = c.options;
  const sim = (s: boolean) => (s ? ' (simulated)' : '');
  const lines = [
    `### passk compare: ${c.benchmark}, ${c.problems} problems paired`,
    '',
    `- base: \`${c.base.model}\`${sim(c.base.simulated)} / \`${c.base.config}\` from \`${c.base.dir}\``,
    `- new: \`${c.new.model}\`${sim(c.new.simulated)} / \`${c.new.config}\` from \`${c.new.dir}\``,
    '',
    HEADLINE[c.decision.overall](o.margin),
    '',
    `| k | base pass@k % | new pass@k % | difference (points) | ${Math.round((1 - o.alpha) * 100)}% CI | p (no difference) | correlation | MDE (points) | p regression (Holm) | p non-inferior (Holm) | verdict |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...c.results.map((r, i) => {
      const d = c.decision.perK[i]!;
      return `| ${r.k} | ${pct(r.base)} | ${pct(r.new)} | ${pp(r.meanDifference)} | [${pp(r.ci[0])}, ${pp(r.ci[1])}] | ${p(r.pValue)} | ${r.correlation === null ? '-' : r.correlation.toFixed(2)} | ${pct(r.minimumDetectableEffect)} | ${p(d.pRegressionHolm)} | ${p(d.pNonInferiorityHolm)} | ${d.verdict} |`;
    }),
    ...c.skipped.map((s) => `| ${s.k} | - | - | - | - | - | - | - | - | - | not reported: ${s.reason} |`),
    '',
  ];
  if (c.slopeA.reason === null) {
    const s = c.slopeA;
    lines.push(
      `Fit A slope (pass@k points per 10x FLOPs, ${s.convention}): base ${pp(s.base)}, new ${pp(s.new)}, difference ${pp(s.difference)} [${s.ci ? `${pp(s.ci[0])}, ${pp(s.ci[1])}` : '-'}] (paired bootstrap).`,
    );
  } else lines.push(`Fit A slope difference: not computed (${c.slopeA.reason}).`);
  lines.push(
    '',
    `<sub>Paired by problem; x = per-problem unbiased pass@k. CI: paired problem bootstrap, B=${o.replicates}, seed ${o.seed}. ` +
      `p (no difference): ${[...new Set(c.results.map((r) => r.pMethod))].join(', ') || '-'}, two-sided. ` +
      `Decision: one-sided sign-flip tests of d + margin (H0 regression: d >= -margin; H0 non-inferiority: d <= -margin), Holm across ks, alpha ${o.alpha}. ` +
      `MDE: one-sided at alpha/${Math.max(1, c.results.length)}, power 0.8.</sub>`,
  );
  return lines.join('\n');
}
