/** Reading a page's HTML in tests that use no browser: its title, error summary, flash message and fields. */

const entities: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x3D;': '=', '&#x60;': '`', '&#39;': "'" };

/** Text as the page shows it: tags removed, entities decoded, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60|#39);/g, (entity) => entities[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

export function titleOf(html: string): string {
  return textOf(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '');
}

/** The error summary's links: where each goes and what it says, in order. */
export function errorSummaryOf(html: string): Array<{ href: string; text: string }> {
  const list = /<ul class="nhsuk-list nhsuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((match) => ({ href: match[1] as string, text: textOf(match[2] as string) }));
}

/** The message beside a field (the NHS.UK error message with the id `<id>-error`), or null. */
export function fieldErrorOf(html: string, id: string): string | null {
  const found = new RegExp(`<span class="nhsuk-error-message" id="${id}-error"><span class="nhsuk-u-visually-hidden">Error: </span>([\\s\\S]*?)</span>`).exec(html);
  return found === null ? null : textOf(found[1] as string);
}

/** The value a text input shows, by its id (decoded), or null when there is no such input. */
export function inputValueOf(html: string, id: string): string | null {
  const input = new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
  if (input === undefined) return null;
  return textOf(/\bvalue="([^"]*)"/.exec(input)?.[1] ?? '');
}

/** The success message shown after a redirect, or null. */
export function flashOf(html: string): string | null {
  const found = /<p class="nhsuk-notification-banner__heading">([\s\S]*?)<\/p>/.exec(html);
  return found === null ? null : textOf(found[1] as string);
}
