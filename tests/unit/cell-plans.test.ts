import { NATIVE } from '../engines';
import { cellPlansSuite } from '../suites/cell-plans';

cellPlansSuite(NATIVE);
