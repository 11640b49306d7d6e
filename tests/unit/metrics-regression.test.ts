import { NATIVE } from '../engines';
import { metricsRegressionSuite } from '../suites/metrics-regression';

metricsRegressionSuite(NATIVE);
