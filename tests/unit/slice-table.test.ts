import { NATIVE } from '../engines';
import { sliceTableSuite } from '../suites/slice-table';

sliceTableSuite(NATIVE);
