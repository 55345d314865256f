/**
 * Command-line options read from the run config's schema (harness/run-config/fields.ts), so
 * that `passk run` and `passk eval` flags, config files and the reference cannot drift apart.
 * No yargs defaults: the schema's defaults apply after the file and the flags.
 */
import type { Argv, Options } from 'yargs';
import { FLAG_FIELDS, type ConfigField } from '../run-config/fields.js';

const GROUPS: Record<string, string> = {
  models: 'Model (sets it for each model of the config):',
  sampling: 'Sampling grid (a value or several):',
  execution: 'Execution:',
  client: 'Servers:',
};

export function configOptions(y: Argv, fields: readonly ConfigField[] = FLAG_FIELDS): Argv {
  for (const f of fields) {
    const o: Options = {
      describe: f.description,
      group: GROUPS[f.path[0]!] ?? 'Run:',
      type: f.type === 'boolean' ? 'boolean' : f.type === 'number' ? 'number' : 'string',
    };
    if (f.list) o.array = true;
    if (f.choices) o.choices = f.choices;
    y = y.option(f.flag!, o);
  }
  return y;
}
