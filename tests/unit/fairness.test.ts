import { NATIVE } from '../engines';
import { fairnessSuite } from '../suites/fairness';

fairnessSuite(NATIVE);
