/**
 * The report's n@k figure: pass@k, 1@k and 10@k against k for each group of a run that has a
 * selection.json (passk select), with the clustering inputs named in the title (an oracle-input
 * upper bound unless the user gave inputs). Pure: a vega-lite spec.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Selection } from '../selection/select-run.js';

export function selectionChartSpec(selection: Selection, run: string): TopLevelSpec {
  const values: Array<{ k: number; value: number; curve: string }> = [];
  for (const g of selection.groups) {
    const label = `${g.model} / ${g.config}`;
    for (const k of selection.ks) {
      const pass = g.pass_at_k[String(k)];
      if (pass !== null && pass !== undefined) values.push({ k, value: pass, curve: `${label}: pass@k` });
      for (const [n, byK] of Object.entries(g.n_at_k)) {
        const e = byK[String(k)];
        if (e) values.push({ k, value: e.value, curve: `${label}: ${n}@k` });
      }
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `n@k and pass@k against k: ${run}`, subtitle: selection.cluster_inputs.label },
    width: 600,
    height: 300,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'k', type: 'quantitative', title: 'k (samples per problem, log scale)', scale: { type: 'log' } },
      y: { field: 'value', type: 'quantitative', title: 'share of problems solved', axis: { format: '.0%' } },
      color: { field: 'curve', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 3, labelLimit: 300 } },
    },
  };
}
