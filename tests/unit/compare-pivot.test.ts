import { NATIVE } from '../engines';
import { comparePivotSuite } from '../suites/compare-pivot';

comparePivotSuite(NATIVE);
