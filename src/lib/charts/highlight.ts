/**
 * The param a chart declares to highlight the slice hovered elsewhere in the notebook: the view
 * sets it to the `_row` numbers of its data rows that are that slice (null: none hovered), and
 * marks encode `highlightOpacity`. Changing a signal redraws nothing but the opacity.
 */
export const HIGHLIGHT = { name: 'slicebook_highlight', value: null };

export const highlightOpacity = {
  condition: {
    test: 'slicebook_highlight == null || indexof(slicebook_highlight, datum._row) >= 0',
    value: 1,
  },
  value: 0.2,
};

/**
 * The opacity of a line (one mark for many rows): at full strength when its `_line` number is in
 * the highlight, that is when every row on it is the hovered slice (explore/highlighted-rows.ts).
 */
export const lineHighlightOpacity = {
  condition: {
    test: 'slicebook_highlight == null || indexof(slicebook_highlight, datum._line) >= 0',
    value: 1,
  },
  value: 0.2,
};
