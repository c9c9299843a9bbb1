import type { SystemTrend } from '../trends/trend.ts';
import type { Chart } from './report-model.ts';
import { circle, line, polyline, rect, svgDocument, text } from './svg.ts';

const width = 680;
const left = 48;
const right = width - 20;
const top = 16;
const plotHeight = 200;
const colours = ['#005eb8', '#007f3b', '#7c2855', '#ed8b00', '#330072', '#00a499', '#425563'];

/**
 * A system's rating percentage across periods: one line per series (each predecessor's own, then
 * the system's), never joined into one number; the CQC bands shaded behind; a point scored under
 * different rules from the one before it is ringed and marked †.
 */
export function trendChart(id: string, trend: SystemTrend): Chart {
  const legendTop = top + plotHeight + 34;
  const height = legendTop + trend.series.length * 16 + 8;
  const step = trend.periods.length > 1 ? (right - left - 40) / (trend.periods.length - 1) : 0;
  const x = (period: string) => left + 20 + trend.periods.indexOf(period) * step;
  const y = (percentage: number) => top + plotHeight - (plotHeight * percentage) / 100;
  const body: string[] = [];
  const bands = [
    { label: 'Outstanding', from: 88, to: 100, fill: '#e8f1f8' },
    { label: 'Good', from: 63, to: 87, fill: '#f0f4f5' },
    { label: 'Requires improvement', from: 39, to: 62, fill: '#e8f1f8' },
    { label: 'Inadequate', from: 25, to: 38, fill: '#f0f4f5' },
  ];
  for (const band of bands) {
    body.push(rect(left, y(band.to + 0.5), right - left, y(band.from - 0.5) - y(band.to + 0.5), { fill: band.fill }));
    body.push(text(right - 4, y(band.to + 0.5) + 10, band.label, { 'font-size': '8.5', 'text-anchor': 'end', fill: '#4c6272' }));
  }
  for (const tick of [0, 25, 50, 75, 100]) body.push(line(left - 3, y(tick), left, y(tick), { stroke: '#425563' }), text(left - 6, y(tick) + 3, `${tick}%`, { 'font-size': '9', 'text-anchor': 'end', fill: '#425563' }));
  body.push(line(left, top, left, top + plotHeight, { stroke: '#425563' }), line(left, top + plotHeight, right, top + plotHeight, { stroke: '#425563' }));
  for (const period of trend.periods) body.push(text(x(period), top + plotHeight + 14, period, { 'font-size': '10', 'text-anchor': 'middle', fill: '#212b32' }));

  trend.series.forEach((series, index) => {
    const colour = colours[index % colours.length] as string;
    const rated = series.points.filter((point) => point.percentage !== null);
    const dash: Record<string, string> = series.role === 'predecessor' ? { 'stroke-dasharray': '5 3' } : {};
    if (rated.length > 1) body.push(polyline(rated.map((point) => [x(point.period), y(point.percentage as number)] as const), { stroke: colour, 'stroke-width': '2', ...dash }));
    for (const point of rated) {
      body.push(circle(x(point.period), y(point.percentage as number), 3.5, { fill: colour }));
      if (point.differentRules !== null) body.push(circle(x(point.period), y(point.percentage as number), 7, { fill: 'none', stroke: '#d5281b', 'stroke-width': '1.5' }), text(x(point.period) + 9, y(point.percentage as number) - 6, '†', { 'font-size': '11', fill: '#d5281b' }));
    }
    const legendY = legendTop + index * 16;
    body.push(line(left, legendY - 4, left + 24, legendY - 4, { stroke: colour, 'stroke-width': '2', ...dash }));
    body.push(text(left + 30, legendY, `${series.name} (${series.system})${series.role === 'predecessor' && series.until !== null ? `, until ${series.until}` : ''}`, { 'font-size': '10', fill: '#212b32' }));
  });
  if (trend.series.some((series) => series.points.some((point) => point.differentRules !== null))) {
    body.push(text(right, legendTop + trend.series.length * 16, '† scored under different rules from the point before', { 'font-size': '9', 'text-anchor': 'end', fill: '#d5281b' }));
  }

  const description = trend.series
    .map((series) => `${series.name} (${series.system}): ${series.points.length === 0 ? 'no assessments' : series.points.map((point) => `${point.period} ${point.rating?.label ?? 'not rated'}${point.percentage === null ? '' : ` ${point.percentage}%`}${point.differentRules === null ? '' : ' (scored under different rules)'}`).join(', ')}`)
    .join('. ');
  return { svg: svgDocument(id, width, height, `Rating across periods: ${trend.name}`, description, body), description: `Rating percentage across periods, each system under its own name. ${description}.` };
}
