/**
 * Series colours: Vega's tableau10 first (charts of up to ten series look as they always did),
 * then ten darker hues and ten tints chosen to differ from those, so that a chart of up to 30
 * models or conditions gives each its own colour.
 */
// prettier-ignore
export const SERIES_COLOURS = [
  '#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac',
  '#7f3c8d', '#17becf', '#1f3f7a', '#9acd32', '#cf1c90', '#8c1c13', '#006d6f', '#6a3d9a', '#b15928', '#3b3b3b',
  '#9ecae9', '#ffbf79', '#88d27a', '#d6a5c9', '#d8b5a5', '#bcbddc', '#637939', '#8c6d31', '#e7ba52', '#5254a3',
];

/** The look every chart shares, the user's own included (their spec's `config` wins). */
export const CHART_CONFIG = {
  range: { category: SERIES_COLOURS },
  // Crowded category labels are thinned rather than drawn over each other.
  axisXDiscrete: { labelOverlap: 'greedy' },
  axisYDiscrete: { labelOverlap: 'greedy' },
  legend: { labelLimit: 180 },
} as const;
