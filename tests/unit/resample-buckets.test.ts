import { NATIVE } from '../engines';
import { resampleBucketsSuite } from '../suites/resample-buckets';

resampleBucketsSuite(NATIVE);
