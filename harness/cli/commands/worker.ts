/**
 * passk worker --redis URL [--jobs N]: an execution worker. Takes programs from the Redis
 * queue that `passk eval`/`passk run --redis URL` fill, runs them in the usual sandboxes and
 * sends the verdicts back (harness/queue/worker.ts). Runs until interrupted (Ctrl-C or
 * SIGTERM: it finishes the programs it holds, then exits).
 */
import { availableParallelism } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { PasskError } from '../../../kernel/errors.js';
import { connectionFrom } from '../../queue/protocol.js';
import { startWorker } from '../../queue/worker.js';

interface WorkerArgs {
  redis: string;
  jobs?: number;
  'lock-seconds': number;
}

const command: CommandModule<object, WorkerArgs> = {
  command: 'worker',
  describe: 'Run programs from a Redis queue in the sandboxes (for passk eval/run --redis URL)',
  builder: (y: Argv) =>
    y
      .option('redis', { type: 'string', demandOption: true, describe: 'the Redis the coordinator uses, e.g. redis://queue-host:6379' })
      .option('jobs', { type: 'number', describe: 'programs run at once (default: the number of cores)' })
      .option('lock-seconds', {
        type: 'number',
        default: 30,
        describe:
          'how long a program stays with this worker without news: if it dies, its programs go to another worker after about this long',
      })
      .example(
        '$0 worker --redis redis://queue-host:6379 --jobs 16',
        'one worker per host, 16 programs at once',
      ) as unknown as Argv<WorkerArgs>,
  handler: async (args) => {
    connectionFrom(args.redis);
    const jobs = args.jobs ?? availableParallelism();
    if (!Number.isInteger(jobs) || jobs < 1) throw new PasskError('E_CONFIG', `expected a positive integer, got ${args.jobs}`, '--jobs');
    if (!(args['lock-seconds'] > 0)) throw new PasskError('E_CONFIG', `expected a positive number of seconds`, '--lock-seconds');
    const worker = await startWorker({
      redis: args.redis,
      jobs,
      lockMs: Math.round(args['lock-seconds'] * 1000),
      onNote: (line) => process.stderr.write(`${line}\n`),
    });
    process.stderr.write(`passk worker ${worker.id}: taking programs from ${args.redis}, ${jobs} at once\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.stderr.write(`passk worker ${worker.id}: stopping after the programs it holds (${worker.answered} answered)\n`);
    await worker.close();
  },
};

export default command;
