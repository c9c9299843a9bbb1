import type { Chart } from './report-model.ts';
import { line, rect, svgDocument, text, wrapWords } from './svg.ts';

export interface ScoreSeries {
  name: string;
  colour: string;
  /** One score (1–4) per row, or null when there is none. */
  scores: ReadonlyArray<number | null>;
  /** What a missing score is called in the chart ("not assessed"), or null to leave the gap empty. */
  missing: string | null;
}

const width = 680;
const labelWidth = 250;
const plotLeft = labelWidth + 12;
const plotRight = width - 24;
const legendHeight = 28;
const barHeight = 7;
const groupGap = 9;
const axisHeight = 26;

/**
 * Criterion scores by perspective as grouped horizontal bars on the 1–4 scale: one group per
 * criterion (its title wrapped beside it), one bar per series, the score written at the bar's end.
 */
export function scoreChart(id: string, rows: readonly string[], series: readonly ScoreSeries[]): Chart {
  const groupHeight = Math.max(series.length * barHeight, 24) + groupGap;
  const height = legendHeight + rows.length * groupHeight + axisHeight;
  const x = (score: number) => plotLeft + ((plotRight - plotLeft) * score) / 4;
  const body: string[] = [];

  series.forEach((entry, index) => {
    const left = 12 + index * 150;
    body.push(rect(left, 6, 12, 12, { fill: entry.colour }), text(left + 17, 16, entry.name, { 'font-size': '11' }));
  });
  const plotTop = legendHeight;
  const plotBottom = legendHeight + rows.length * groupHeight;
  for (let score = 0; score <= 4; score += 1) {
    body.push(line(x(score), plotTop, x(score), plotBottom, { stroke: score === 0 ? '#425563' : '#d8dde0', 'stroke-width': '1' }));
    body.push(text(x(score), plotBottom + 14, String(score), { 'font-size': '10', 'text-anchor': 'middle', fill: '#425563' }));
  }
  body.push(text((plotLeft + plotRight) / 2, plotBottom + 25, 'Score (1 significant shortfalls – 4 exceptional)', { 'font-size': '9.5', 'text-anchor': 'middle', fill: '#425563' }));

  rows.forEach((row, rowIndex) => {
    const top = plotTop + rowIndex * groupHeight + groupGap / 2;
    const labelLines = wrapWords(row, 42, 2);
    const middle = top + (groupHeight - groupGap) / 2;
    labelLines.forEach((part, lineIndex) => {
      body.push(text(labelWidth, middle + 4 + (lineIndex - (labelLines.length - 1) / 2) * 12, part, { 'font-size': '10.5', 'text-anchor': 'end', fill: '#212b32' }));
    });
    series.forEach((entry, index) => {
      const score = entry.scores[rowIndex] ?? null;
      const y = top + index * barHeight + (groupHeight - groupGap - series.length * barHeight) / 2;
      if (score === null) {
        if (entry.missing !== null) body.push(text(plotLeft + 4, y + barHeight - 1, `${entry.name}: ${entry.missing}`, { 'font-size': '7', fill: '#4c6272', 'font-style': 'italic' }));
        return;
      }
      body.push(rect(plotLeft, y + 0.5, x(score) - plotLeft, barHeight - 1, { fill: entry.colour }));
      body.push(text(x(score) + 3, y + barHeight - 1, String(score), { 'font-size': '7', fill: '#212b32' }));
    });
  });

  const description = rows
    .map((row, rowIndex) => `${row}: ${series.flatMap((entry) => { const score = entry.scores[rowIndex] ?? null; return score === null ? (entry.missing === null ? [] : [`${entry.name} ${entry.missing}`]) : [`${entry.name} ${score}`]; }).join(', ')}`)
    .join('. ');
  return { svg: svgDocument(id, width, height, 'Criterion scores by perspective', description, body), description: `Criterion scores by perspective. ${description}.` };
}
