import type { ManifestFile, RatingId } from '../rule-pack/pack-schema.ts';
import type { Chart } from './report-model.ts';
import { line, num, rect, svgDocument, text } from './svg.ts';

/** NHS identity colours for the four ratings; text on each is chosen for contrast. */
const bandColours: Readonly<Record<RatingId, { fill: string; ink: string }>> = {
  inadequate: { fill: '#d5281b', ink: '#ffffff' },
  'requires-improvement': { fill: '#ffb81c', ink: '#212b32' },
  good: { fill: '#007f3b', ink: '#ffffff' },
  outstanding: { fill: '#330072', ink: '#ffffff' },
};

const width = 680;
const left = 16;
const right = width - 16;
const barTop = 34;
const barHeight = 30;
const height = 96;

/**
 * Where a percentage sits among the pack's bands, on the scale from the lowest band's bottom to the
 * highest band's top (25–100% with the shipped pack): the four bands coloured and named, a dashed
 * line at each band's midpoint (upper and lower half), and a marker at the percentage.
 */
export function bandChart(id: string, manifest: ManifestFile, percentage: number): Chart {
  const lowest = Math.min(...manifest.ratings.map((band) => band.minPercent));
  const highest = Math.max(...manifest.ratings.map((band) => band.maxPercent));
  const clamp = (value: number) => Math.min(highest, Math.max(lowest, value));
  const x = (value: number) => left + ((right - left) * (clamp(value) - lowest)) / (highest - lowest);
  const body: string[] = [];
  for (const band of manifest.ratings) {
    const from = x(band.minPercent - 0.5);
    const to = x(band.maxPercent + 0.5);
    const colours = bandColours[band.id];
    body.push(rect(from, barTop, to - from, barHeight, { fill: colours.fill }));
    const midpoint = (band.minPercent + band.maxPercent) / 2;
    body.push(line(x(midpoint), barTop, x(midpoint), barTop + barHeight, { stroke: colours.ink, 'stroke-width': '1', 'stroke-dasharray': '2 2', opacity: '0.7' }));
    body.push(text((from + to) / 2, barTop + barHeight / 2 + 4, band.label, { 'font-size': to - from < 110 ? '9.5' : '11', 'text-anchor': 'middle', fill: colours.ink, 'font-weight': 'bold' }));
    body.push(text(from, barTop + barHeight + 13, `${band.minPercent}%`, { 'font-size': '9.5', 'text-anchor': band.minPercent === lowest ? 'start' : 'middle', fill: '#425563' }));
  }
  body.push(text(right, barTop + barHeight + 13, `${highest}%`, { 'font-size': '9.5', 'text-anchor': 'end', fill: '#425563' }));
  const marker = x(percentage);
  body.push(`<path d="M${num(marker - 7)} ${num(barTop - 10)} L${num(marker + 7)} ${num(barTop - 10)} L${num(marker)} ${num(barTop - 1)} Z" fill="#212b32"/>`);
  body.push(line(marker, barTop - 1, marker, barTop + barHeight + 1, { stroke: '#212b32', 'stroke-width': '2.5' }));
  body.push(text(marker, barTop - 14, `${percentage}%`, { 'font-size': '12', 'text-anchor': marker < left + 20 ? 'start' : marker > right - 20 ? 'end' : 'middle', 'font-weight': 'bold', fill: '#212b32' }));

  const band = manifest.ratings.find((entry) => percentage >= entry.minPercent && percentage <= entry.maxPercent);
  const half = band === undefined ? '' : percentage >= (band.minPercent + band.maxPercent) / 2 ? ', upper half' : ', lower half';
  const description = `${percentage}% sits in the ${band?.label ?? 'no'} band${band === undefined ? '' : ` (${band.minPercent}–${band.maxPercent}%)`}${half}. Bands: ${manifest.ratings.map((entry) => `${entry.label} ${entry.minPercent}–${entry.maxPercent}%`).join(', ')}.`;
  return { svg: svgDocument(id, width, height, 'Where the percentage sits among the rating bands', description, body), description };
}
