/**
 * The same Python conformance suite against the fork-server executor (warm workers, a
 * fresh fork per program).
 */
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { runPythonConformance } from '../support/python-conformance.js';

runPythonConformance('python conformance: forkserver executor', () => createPythonExecutor({ kind: 'forkserver', jobs: 2 }));
