/**
 * Ctrl-C: the first stops scheduling new samples and lets those in flight finish and be
 * recorded; a second one exits at once. Either way the run can be resumed.
 */
import { EXIT } from '../../kernel/errors.js';

export interface InterruptHandle {
  signal: AbortSignal;
  dispose(): void;
}

export function installInterruptHandler(): InterruptHandle {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write('\ninterrupted: finishing the samples in flight (Ctrl-C again to stop now); run the same command to resume\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
