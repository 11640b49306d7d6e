import { NATIVE } from '../engines';
import { repeatedIdsSuite } from '../suites/repeated-ids';

repeatedIdsSuite(NATIVE);
