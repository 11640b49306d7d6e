import { NATIVE } from '../engines';
import { overviewSuite } from '../suites/overview';

overviewSuite(NATIVE);
