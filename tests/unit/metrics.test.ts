import { NATIVE } from '../engines';
import { metricsSuite } from '../suites/metrics';

metricsSuite(NATIVE);
