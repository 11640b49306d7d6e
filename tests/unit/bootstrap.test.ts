import { NATIVE } from '../engines';
import { bootstrapSuite } from '../suites/bootstrap';

bootstrapSuite(NATIVE);
