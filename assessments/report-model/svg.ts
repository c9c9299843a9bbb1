/** Escapes text for SVG (XML) content and attribute values: every piece of text a chart shows goes through this. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A coordinate or size for markup: finite, at most 2 decimals; anything else is a bug upstream. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`A chart coordinate must be a finite number; got ${value}`);
  return String(Math.round(value * 100) / 100);
}

/** `<text>` with escaped content at (x, y), with optional attributes (names are ours, values escaped). */
export function text(x: number, y: number, content: string, attributes: Readonly<Record<string, string>> = {}): string {
  return `<text x="${num(x)}" y="${num(y)}"${attributesOf(attributes)}>${escapeXml(content)}</text>`;
}

export function rect(x: number, y: number, width: number, height: number, attributes: Readonly<Record<string, string>> = {}): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, width))}" height="${num(Math.max(0, height))}"${attributesOf(attributes)}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, attributes: Readonly<Record<string, string>> = {}): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}"${attributesOf(attributes)}/>`;
}

/** An open line through the points, unfilled. */
export function polyline(points: ReadonlyArray<readonly [number, number]>, attributes: Readonly<Record<string, string>> = {}): string {
  return `<polyline points="${points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ')}" fill="none"${attributesOf(attributes)}/>`;
}

export function circle(x: number, y: number, radius: number, attributes: Readonly<Record<string, string>> = {}): string {
  return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(radius)}"${attributesOf(attributes)}/>`;
}

/**
 * The whole chart: an accessible image (role="img", a title and a description) of the given size
 * that scales to its container. `id` must be unique in the document.
 */
export function svgDocument(id: string, width: number, height: number, title: string, description: string, body: readonly string[]): string {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new RangeError(`A chart id must be lower-case letters, digits and "-"; got "${id}"`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${id}" viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="Arial, 'Liberation Sans', Helvetica, sans-serif">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    ...body,
    '</svg>',
  ].join('');
}

/** Words wrapped into at most `lines` lines of about `width` characters, the last cut with "…" if needed. */
export function wrapWords(content: string, width: number, lines: number): string[] {
  const result: string[] = [];
  let current = '';
  for (const word of content.split(/\s+/).filter((part) => part.length > 0)) {
    if (current === '' || current.length + 1 + word.length <= width) {
      current = current === '' ? word : `${current} ${word}`;
      continue;
    }
    result.push(current);
    current = word;
  }
  if (current !== '') result.push(current);
  if (result.length <= lines) return result;
  const kept = result.slice(0, lines);
  const last = kept[lines - 1] as string;
  kept[lines - 1] = `${last.length + 1 > width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

function attributesOf(attributes: Readonly<Record<string, string>>): string {
  return Object.entries(attributes)
    .map(([name, value]) => {
      if (!/^[a-z][a-z-]*$/.test(name)) throw new RangeError(`Not an attribute name: ${name}`);
      return ` ${name}="${escapeXml(value)}"`;
    })
    .join('');
}
