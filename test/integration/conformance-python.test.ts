/**
 * The Python sandbox conformance suite against the subprocess executor (one sandboxed
 * interpreter per program): every adversarial program gets the right verdict, none
 * passes, the host keeps no trace, the harness goes on.
 */
import { createPythonExecutor } from '../../sandbox/python/index.js';
import { runPythonConformance } from '../support/python-conformance.js';

runPythonConformance('python conformance: subprocess executor', () => createPythonExecutor({ kind: 'subprocess', jobs: 2 }));
