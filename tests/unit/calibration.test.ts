import { NATIVE } from '../engines';
import { calibrationSuite } from '../suites/calibration';

calibrationSuite(NATIVE);
