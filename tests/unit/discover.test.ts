import { NATIVE } from '../engines';
import { discoverSuite } from '../suites/discover';

discoverSuite(NATIVE);
