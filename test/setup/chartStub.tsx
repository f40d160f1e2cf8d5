/**
 * jsdom cannot load the charts' d3 modules (ES modules only) or lay out SVG; the panes'
 * component tests see the chart as a labelled figure, and the end-to-end tests in Chromium
 * draw the real one.
 */
export default function ChartStub({ title }: { title: string }) {
  return <figure aria-label={title} />;
}
