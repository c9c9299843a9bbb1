import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ambition } from '../../assessments/calibration/ambition-schema.ts';
import { criterionEvidence } from '../../assessments/evidence/registry.ts';
import type { ReportFixture } from './report-fixtures.ts';

/** A web server on loopback that records every request made to it: a report must never make one. */
export async function startWitness(): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('fetched');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

/**
 * Markup that would fetch from the witness (SSRF), read a local file, run a script or navigate, if
 * it were ever markup: every way HTML, SVG and CSS have of loading something.
 */
export function payloads(port: number): string {
  const at = (name: string) => `http://127.0.0.1:${port}/${name}`;
  return [
    `<img src="${at('img')}">`,
    `<iframe src="file:///etc/passwd"></iframe>`,
    `<script>document.body.insertAdjacentText('beforeend', 'SCRIPT-RAN'); fetch('${at('script')}')</script>`,
    `<link rel="stylesheet" href="${at('css')}">`,
    `<style>@import url(${at('import')});</style>`,
    `<meta http-equiv="refresh" content="0;url=${at('refresh')}">`,
    `<svg onload="fetch('${at('svg')}')"></svg>`,
    `<object data="file:///etc/passwd"></object>`,
    `<embed src="${at('embed')}">`,
    `<img src="file:///etc/passwd" onerror="fetch('${at('onerror')}')">`,
    `<img srcset="${at('srcset')} 1x">`,
    `<video poster="${at('poster')}"><source src="${at('source')}"></video>`,
    `<input type="image" src="${at('input')}">`,
    `<svg><image href="${at('svg-image')}"/></svg>`,
    `<div style="background-image:url(${at('background')})">styled</div>`,
    `<style>@font-face{font-family:x;src:url(${at('font')})} body{font-family:x}</style>`,
    `<link rel="preload" as="image" href="${at('preload')}">`,
    `<link rel="stylesheet" href="file:///etc/passwd">`,
    `<iframe srcdoc="<img src=${at('srcdoc')}>"></iframe>`,
    `<base href="${at('base/')}"><img src="relative">`,
  ].join(' ');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces, one at a time, each string in `value` that `stillValid` accepts a replacement for (dates and choices refuse). */
function taintStrings(value: Json, replace: () => string, stillValid: (candidate: Json) => boolean): Json {
  let current = structuredClone(value);
  const visit = (node: Json, set: (replacement: Json) => void) => {
    if (typeof node === 'string') {
      set(replace());
      if (!stillValid(current)) set(node);
    } else if (Array.isArray(node)) node.forEach((item, index) => visit(item, (replacement) => (node[index] = replacement)));
    else if (node !== null && typeof node === 'object') for (const [key, item] of Object.entries(node)) visit(item, (replacement) => (node[key] = replacement));
  };
  visit(current, (replacement) => (current = replacement));
  return current;
}

/**
 * The fixture with every text field a person can type replaced by markup that would fetch from the
 * witness: every string of every criterion's evidence that its schema lets hold text (sources,
 * narratives, titles, names), the system's name, judgement and moderation rationales, and the
 * ambitions. Each payload carries a numbered marker (T1X, T2X…) so it can be found again.
 */
export function taintEveryTextField(fixture: ReportFixture, port: number): { fixture: ReportFixture; payloads: Map<string, string> } {
  const made = new Map<string, string>();
  const payload = (padding = '') => {
    const marker = `T${made.size + 1}X`;
    const text = `${padding}<i>${marker}</i><img src="http://127.0.0.1:${port}/${marker}">`;
    made.set(marker, text);
    return text;
  };
  const rationale = () => payload('The reason, as typed: ');
  const tainted = structuredClone(fixture);
  tainted.systemName = payload();
  for (const given of Object.values(tainted.perspectives)) {
    for (const [criterion, evidence] of Object.entries(given.criteria)) {
      given.criteria[criterion] = taintStrings(evidence as Json, () => payload(), (candidate) => criterionEvidence[criterion]!.schema.safeParse(candidate).success);
    }
    for (const judgement of Object.values(given.judgements) as Array<{ rationale?: string }>) judgement.rationale = rationale();
  }
  for (const moderation of Object.values(tainted.moderation)) moderation.rationale = rationale();
  tainted.ambitions = tainted.ambitions.map((entry) => taintStrings(entry as unknown as Json, () => payload(), (candidate) => ambition.safeParse(candidate).success) as unknown as typeof entry);
  // A marker that was tried on a field that refused it (a date, a choice) is not in the fixture.
  const text = JSON.stringify(tainted);
  return { fixture: tainted, payloads: new Map([...made].filter(([marker]) => text.includes(`>${marker}<`))) };
}
