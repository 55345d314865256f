/**
 * passk suites [show NAME]: the preset suites (`passk run --suite NAME`), listed, or one
 * printed as a suite spec (YAML) to start a spec of your own from.
 */
import type { Argv, CommandModule } from 'yargs';
import YAML from 'yaml';
import { PasskError } from '../../../kernel/errors.js';
import { findPreset, SUITE_PRESETS } from '../../suite/presets.js';

interface SuitesArgs {
  action?: string;
  name?: string;
}

export function presetYaml(name: string): string {
  const preset = findPreset(name);
  if (!preset)
    throw new PasskError(
      'E_CONFIG',
      `no suite preset "${name}"; presets: ${SUITE_PRESETS.map((p) => p.name).join(', ')}`,
      'passk suites show',
    );
  const header = [
    `# ${preset.describe}`,
    '# passk run THIS.yaml --data-dir DIR --endpoint URL --model ID --format baseline|full|editseq',
    '# (or add a models list here; README "Suites" gives the settings and their sources)',
  ];
  return `${header.join('\n')}\n${YAML.stringify({ name: preset.name, ...preset.spec })}`;
}

const command: CommandModule<object, SuitesArgs> = {
  command: 'suites [action] [name]',
  describe: 'List the preset suites, or print one as a suite spec: passk suites show lintseq-paper',
  builder: (y: Argv) =>
    y
      .positional('action', { type: 'string', choices: ['list', 'show'], describe: 'list (default) or show NAME' })
      .positional('name', { type: 'string', describe: 'the preset to show' }) as unknown as Argv<SuitesArgs>,
  handler: (args) => {
    if (args.action === 'show') {
      if (!args.name) throw new PasskError('E_CONFIG', 'expected a preset name: passk suites show NAME', 'passk suites show');
      process.stdout.write(presetYaml(args.name));
      return;
    }
    for (const p of SUITE_PRESETS) {
      const benchmarks = (p.spec.benchmarks as Array<{ benchmark: string }>).map((b) => b.benchmark).join(', ');
      process.stdout.write(`${p.name}\n  ${p.describe}\n  benchmarks: ${benchmarks}\n`);
    }
    process.stdout.write(
      '\npassk suites show NAME prints one as YAML; passk run --suite NAME --data-dir DIR --endpoint URL --model ID --format F runs it\n',
    );
  },
};

export default command;
