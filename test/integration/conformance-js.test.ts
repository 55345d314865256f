/**
 * The JavaScript sandbox conformance suite (test/support/js-conformance-suite.ts, cases in
 * test/support/conformance-programs/javascript.ts): every adversarial program gets the right
 * verdict and detail, none passes, the host keeps no trace, and a normal program passes right
 * after on the same worker unless the program brought that worker down.
 */
import { describeJsConformance } from '../support/js-conformance-suite.js';

describeJsConformance('javascript conformance: isolated-vm executor');
