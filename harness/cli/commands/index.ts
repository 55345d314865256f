/** Every CLI command; each lives in its own file and exports a yargs CommandModule. */
import type { CommandModule } from 'yargs';
import evalCommand from './eval.js';
import runCommand from './run.js';
import lintseqCommand from './lintseq.js';
import fitCommand from './fit.js';
import compareCommand from './compare.js';
import plotCommand from './plot.js';
import reportCommand from './report.js';
import demoCommand from './demo.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [evalCommand, runCommand, lintseqCommand, fitCommand, plotCommand, reportCommand, compareCommand, demoCommand];
