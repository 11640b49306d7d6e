import { NATIVE } from '../engines';
import { costSuite } from '../suites/cost';

costSuite(NATIVE);
