import { NATIVE } from '../engines';
import { metricsScoresSuite } from '../suites/metrics-scores';

metricsScoresSuite(NATIVE);
