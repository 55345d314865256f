/**
 * The run spec reference, generated from the schema (`passk run --spec-reference`): every
 * field with its flag, type, default and meaning, and an example spec.
 */
import { CONFIG_FIELDS, type ConfigField } from './fields.js';

function typeText(f: ConfigField): string {
  const base = f.choices ? f.choices.join(' \\| ') : f.type;
  if (f.sweep) return `${base} or list`;
  return f.list ? `list of ${base}` : base;
}

function pathText(f: ConfigField): string {
  return f.path
    .map((p) => (p === '*' ? '[]' : p))
    .join('.')
    .replace('.[]', '[]');
}

const EXAMPLE_CONFIG = `benchmark: humaneval
data: data/HumanEval.jsonl.gz
models:
  - name: tinycodelm-lintseq
    endpoints: [http://gpu1:8000/v1, http://gpu2:8000/v1]
    model: TinyCodeLM-150M-LintSeqInstruct
    format: editseq            # prompt: "{instruction}\\n<|diff|>"
    stop: ["<|endoftext|>"]
    architecture: { hf_config: checkpoints/tinycodelm/config.json }
  - name: tinycodelm-baseline
    endpoints: http://gpu3:8000/v1
    model: TinyCodeLM-150M-Instruct
    format: baseline
sampling:
  temperature: [0.2, 0.8]      # a sweep: configs t0.2-p0.95 and t0.8-p0.95
  top_p: 0.95
  max_tokens: 512
  min_tokens: 8
n: 20
ks: [1, 5, 10, 20]
seed: 0
out: results/tinycodelm-humaneval
`;

export function renderConfigReference(): string {
  const rows = CONFIG_FIELDS.map((f) => {
    const def = f.default === undefined ? '' : `\`${JSON.stringify(f.default)}\``;
    return `| \`${pathText(f)}\` | ${f.flag ? `\`--${f.flag}\`` : '`--set`'} | ${typeText(f)} | ${def} | ${f.description.replace(/\|/g, '\\|')} |`;
  });
  return [
    '# passk run: the run spec',
    '',
    'A spec is YAML or JSON. Every field can be set on the command line: with its flag, or with',
    '`--set PATH=VALUE` (VALUE read as YAML; a model addressed by index or name, e.g.',
    '`--set models.tinycodelm-baseline.stop=["\\n\\n"]`). Model flags set that field of every model;',
    'sampling flags set it in every grid. Paths are relative to the working folder.',
    '',
    '| field | flag | type | default | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Example:',
    '',
    '```yaml',
    EXAMPLE_CONFIG.trimEnd(),
    '```',
    '',
  ].join('\n');
}
