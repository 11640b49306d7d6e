import { NATIVE } from '../engines';
import { fuzzQuoteSuite } from '../suites/fuzz-quote';

fuzzQuoteSuite(NATIVE);
