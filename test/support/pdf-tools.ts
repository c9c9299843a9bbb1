import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a poppler tool on a PDF held in memory (written to a temporary file). */
async function withFile<T>(pdf: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'ics-pdf-'));
  try {
    const path = join(folder, 'report.pdf');
    await writeFile(path, pdf);
    return await use(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The text of a PDF, as poppler's pdftotext reads it (reading order, not layout). */
export function pdfText(pdf: Uint8Array): Promise<string> {
  return withFile(pdf, async (path) => (await run('pdftotext', ['-enc', 'UTF-8', path, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout);
}

/** What poppler's pdfinfo says of a PDF, field by field ("Tagged" → "yes", "Pages" → "12", …). */
export function pdfInfo(pdf: Uint8Array): Promise<Record<string, string>> {
  return withFile(pdf, async (path) => {
    const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', path]);
    return Object.fromEntries(stdout.split('\n').flatMap((line) => {
      const match = /^([^:]+):\s*(.*)$/.exec(line);
      return match === null ? [] : [[match[1] as string, match[2] as string]];
    }));
  });
}

export interface OutlineItem {
  title: string;
  children: OutlineItem[];
}

/**
 * The outline (bookmarks) of a PDF: a tiny reader for uncompressed object dictionaries, as
 * Chromium (Skia) writes them: the catalog's /Outlines, then each item's /First, /Next and /Title.
 */
export function pdfOutline(pdf: Uint8Array): OutlineItem[] {
  const text = Buffer.from(pdf).toString('latin1');
  const object = (number: string): string => {
    const start = text.search(new RegExp(`(^|[\\r\\n])${number} 0 obj`));
    if (start < 0) throw new Error(`The PDF has no object ${number}`);
    return text.slice(start, text.indexOf('endobj', start));
  };
  const reference = (body: string, key: string): string | null => new RegExp(`/${key} (\\d+) 0 R`).exec(body)?.[1] ?? null;
  const catalog = /\/Type \/Catalog[\s\S]*?\/Outlines (\d+) 0 R/.exec(text) ?? /\/Outlines (\d+) 0 R[\s\S]*?\/Type \/Catalog/.exec(text);
  if (catalog === null) return [];
  const items = (first: string | null): OutlineItem[] => {
    const found: OutlineItem[] = [];
    for (let number = first; number !== null; ) {
      const body = object(number);
      found.push({ title: titleOf(body), children: items(reference(body, 'First')) });
      number = reference(body, 'Next');
    }
    return found;
  };
  return items(reference(object(catalog[1] as string), 'First'));
}

/** Every title of an outline, depth first. */
export function outlineTitles(items: readonly OutlineItem[]): string[] {
  return items.flatMap((item) => [item.title, ...outlineTitles(item.children)]);
}

function titleOf(body: string): string {
  const hex = /\/Title <([0-9A-Fa-f\s]*)>/.exec(body);
  if (hex !== null) {
    const bytes = Buffer.from((hex[1] as string).replace(/\s+/g, ''), 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  const literal = /\/Title \(((?:\\.|[^\\)])*)\)/.exec(body);
  if (literal === null) return '';
  return (literal[1] as string).replace(/\\([0-7]{1,3}|.)/g, (_, escaped: string) => (/^[0-7]+$/.test(escaped) ? String.fromCharCode(Number.parseInt(escaped, 8)) : ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escaped] ?? escaped));
}
