import { NATIVE } from '../engines';
import { robustnessSuite } from '../suites/robustness';

robustnessSuite(NATIVE);
