/**
 * The passk command line: a thin yargs shell over the commands in ./commands. Errors are
 * printed once, without a stack for expected ones, with an exit code that means something
 * (kernel/errors.ts EXIT).
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, HarnessFault, PasskError } from '../../kernel/errors.js';
import { PASSK_VERSION } from '../version.js';
import { commands } from './commands/index.js';

function reportError(err: unknown): number {
  if (err instanceof PasskError) {
    process.stderr.write(`passk: error [${err.code}] ${err.message}\n`);
    return EXIT.badInput;
  }
  if (err instanceof HarnessFault) {
    process.stderr.write(`passk: harness fault (not a model failure): ${err.message}\n`);
    return EXIT.harnessFault;
  }
  process.stderr.write(`passk: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.internal;
}

let cli = yargs(hideBin(process.argv))
  .scriptName('passk')
  .version(PASSK_VERSION)
  .strict()
  .demandCommand(1, 'name a command (see passk --help)')
  .recommendCommands()
  .wrap(Math.min(110, process.stdout.columns ?? 100))
  .fail((msg, err) => {
    if (err) throw err;
    process.stderr.write(`passk: error [E_CONFIG] ${msg}\n(see passk --help)\n`);
    process.exit(EXIT.badInput);
  });
// Load only the command being run; list the others by name for --help.
const invoked = hideBin(process.argv).find((a) => !a.startsWith('-'));
for (const entry of commands) {
  if (entry.name === invoked) cli = cli.command((await entry.load()).default);
  else cli = cli.command(entry.name, entry.describe);
}

try {
  await cli.parseAsync();
} catch (err) {
  process.exitCode = reportError(err);
}
