import { NATIVE } from '../engines';
import { agreementSuite } from '../suites/agreement';

agreementSuite(NATIVE);
