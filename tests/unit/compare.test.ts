import { NATIVE } from '../engines';
import { compareSuite } from '../suites/compare';

compareSuite(NATIVE);
