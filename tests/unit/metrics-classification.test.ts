import { NATIVE } from '../engines';
import { metricsClassificationSuite } from '../suites/metrics-classification';

metricsClassificationSuite(NATIVE);
