/**
 * passk merge SHARD_DIR... --out DIR: join the folders of a run's shards (`--shard I/N`) into
 * one run folder whose summary is the unsharded run's; refuses missing, duplicated or
 * foreign shards by name (harness/shard/merge-shards.ts).
 */
import type { Argv, CommandModule } from 'yargs';
import { mergeShards } from '../../shard/merge-shards.js';
import { renderSummary } from '../summary-table.js';

interface MergeArgs {
  shards: string[];
  out: string;
  json: boolean;
  'allow-mixed': boolean;
}

const command: CommandModule<object, MergeArgs> = {
  command: 'merge <shards..>',
  describe: "Merge the run folders of a run's shards (--shard I/N) into one run folder",
  builder: (y: Argv) =>
    y
      .positional('shards', { type: 'string', array: true, demandOption: true, describe: 'the shard folders, all N of them' })
      .option('out', { type: 'string', demandOption: true, describe: 'the merged run folder (must not be a run folder yet)' })
      .option('json', { type: 'boolean', default: false, describe: 'print summary.json instead of the table' })
      .option('allow-mixed', {
        type: 'boolean',
        default: false,
        describe: 'merge shards that ran under different sandboxes (the manifest then lists each)',
      })
      .example('$0 merge results/run-shard0of3 results/run-shard1of3 results/run-shard2of3 --out results/run', 'join three shards')
      .example(
        '$0 merge results/humaneval-run-1a2b3c4d-shard* --out results/humaneval-run',
        'every shard of one run, by a glob',
      ) as unknown as Argv<MergeArgs>,
  handler: async (args) => {
    const { summary, samples, manifest } = await mergeShards(args.shards, args.out, { allowMixed: args['allow-mixed'] });
    if (args.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      process.stdout.write(`${renderSummary(summary, args.out)}\n`);
      process.stderr.write(`passk: merged ${manifest.merged_from?.length ?? 0} shards, ${samples} samples, into ${args.out}\n`);
    }
  },
};

export default command;
