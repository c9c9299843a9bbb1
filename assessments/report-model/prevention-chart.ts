import type { PreventionTrajectory } from '../calibration/prevention-trajectory.ts';
import { formatNumber } from '../calibration/display.ts';
import type { Chart } from './report-model.ts';
import { circle, line, polyline, rect, svgDocument, text } from './svg.ts';

const width = 680;
const height = 250;
const plotLeft = 56;
const plotRight = width - 20;
const plotTop = 34;
const plotBottom = height - 34;
const actualColour = '#005eb8';
const expectedColour = '#768692';

/** "2023/24" for the financial year that starts in 2023. */
export function financialYear(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/**
 * The prevention share of the ICS NHS budget year by year (a solid line with a dot per reported
 * year) against the expected line from the baseline (dashed), on a share axis fitted to the values
 * with a little room above and below (¶2.19–2.20).
 */
export function preventionChart(id: string, trajectory: PreventionTrajectory): Chart {
  const years = trajectory.points.map((point) => point.year);
  const values = trajectory.points.flatMap((point) => [point.actual, point.expected]).filter((value): value is number => value !== null);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const step = tickStep(Math.max(...values) - Math.min(...values));
  const low = Math.floor(Math.min(...values) / step) * step - step;
  const high = Math.ceil(Math.max(...values) / step) * step + step;
  const x = (year: number) => (last === first ? (plotLeft + plotRight) / 2 : plotLeft + ((plotRight - plotLeft) * (year - first)) / (last - first));
  const y = (share: number) => plotBottom - ((plotBottom - plotTop) * (share - low)) / (high - low);
  const places = step < 0.1 ? 2 : 1;

  const body: string[] = [
    line(12, 12, 36, 12, { stroke: actualColour, 'stroke-width': '2.5' }),
    text(41, 16, 'Prevention share reported', { 'font-size': '11' }),
    line(232, 12, 256, 12, { stroke: expectedColour, 'stroke-width': '2', 'stroke-dasharray': '5 3' }),
    text(261, 16, 'Expected line from the baseline', { 'font-size': '11' }),
  ];
  for (let tick = low; tick <= high + step / 2; tick += step) {
    body.push(line(plotLeft, y(tick), plotRight, y(tick), { stroke: '#d8dde0', 'stroke-width': '1' }));
    body.push(text(plotLeft - 6, y(tick) + 3.5, `${formatNumber(tick, places)}%`, { 'font-size': '10', 'text-anchor': 'end', fill: '#425563' }));
  }
  body.push(line(plotLeft, plotBottom, plotRight, plotBottom, { stroke: '#425563', 'stroke-width': '1' }));
  for (const year of years) body.push(text(x(year), plotBottom + 15, financialYear(year), { 'font-size': '10', 'text-anchor': 'middle', fill: '#425563' }));
  body.push(rect(x(trajectory.baselineYear) - 1, plotTop, 2, plotBottom - plotTop, { fill: '#aeb7bd' }));
  body.push(text(x(trajectory.baselineYear) + 4, plotTop + 10, 'Baseline', { 'font-size': '9.5', fill: '#425563' }));

  const expected = trajectory.points.filter((point) => point.expected !== null).map((point) => [x(point.year), y(point.expected as number)] as const);
  if (expected.length > 1) body.push(polyline(expected, { stroke: expectedColour, 'stroke-width': '2', 'stroke-dasharray': '5 3' }));
  const actual = trajectory.points.filter((point) => point.actual !== null).map((point) => [x(point.year), y(point.actual as number)] as const);
  if (actual.length > 1) body.push(polyline(actual, { stroke: actualColour, 'stroke-width': '2.5' }));
  for (const [px, py] of actual) body.push(circle(px, py, 3.5, { fill: actualColour }));

  const share = (value: number | null) => (value === null ? 'not reported' : `${formatNumber(value, 2)}%`);
  const description = `Prevention share of the ICS NHS budget by year against the expected line from the ${financialYear(trajectory.baselineYear)} baseline. ${trajectory.points
    .map((point) => `${financialYear(point.year)}: ${share(point.actual)}${point.expected === null ? '' : `, expected ${formatNumber(point.expected, 2)}%`}`)
    .join('; ')}.`;
  return { svg: svgDocument(id, width, height, 'Prevention share against the expected line', description, body), description };
}

/** A tick spacing of 0.05, 0.1, 0.2, 0.25 or 0.5 points (or more) giving about five ticks over the range. */
function tickStep(range: number): number {
  for (const step of [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5]) if (range / step <= 6) return step;
  return 10;
}
