import type { HarnessFormat } from './harness-format';

/** The evaluation harness formats recognised, tried in this order. */
export const HARNESS_FORMATS: readonly HarnessFormat[] = [];
