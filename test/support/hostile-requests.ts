import type { PreparedRequest } from './route-requests.ts';

/** A hostile variation of a valid request: what it tries, what it sends, and the refusal it must get. */
export interface HostileRequest {
  name: string;
  status: 400 | 413 | 415;
  path: string;
  /** Sent as is: JSON text (possibly with keys no object literal could carry) or raw bytes. */
  body: string | Uint8Array;
  contentType: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** Every place in a JSON document: each value (leaves and containers) with the path to it. */
function placesOf(value: Json, path: Path = []): Array<{ path: Path; value: Json }> {
  const here = { path, value };
  if (Array.isArray(value)) return [here, ...value.flatMap((item, index) => placesOf(item, [...path, index]))];
  if (value !== null && typeof value === 'object') return [here, ...Object.entries(value).flatMap(([key, item]) => placesOf(item, [...path, key]))];
  return [here];
}

/** The document as JSON text with the value at `path` replaced by raw JSON text (which may hold any key at all). */
function withRawAt(document: Json, path: Path, raw: string): string {
  const marker = `"@@hostile-${Math.random()}@@"`;
  const copy = structuredClone(document) as Json;
  if (path.length === 0) return raw;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[path.at(-1)!] = JSON.parse(marker) as Json;
  return JSON.stringify(copy).replace(marker, raw);
}

/** Raw JSON text of an object with `extra` (raw `"key": value` text) added to its members. */
function withMember(object: Record<string, Json>, extra: string): string {
  const inner = JSON.stringify(object).slice(1, -1);
  return `{${inner === '' ? '' : `${inner},`}${extra}}`;
}

const describePath = (path: Path) => (path.length === 0 ? 'the body' : path.join('.'));
const operators = ['{"$gt":""}', '{"$ne":null}', '{"$where":"sleep(5000) || true"}', '{"$regex":".*"}', '{"$expr":{"$eq":[1,1]}}'];

/**
 * Hostile variations of a valid JSON request, generated from its own body so that each variation
 * differs from a request that succeeds by its hostile part alone: MongoDB query operators in place
 * of each value and as extra members of each object; prototype-pollution keys in each object;
 * over-long text in each string and as a key; deeply nested JSON; bodies that are not JSON, not
 * UTF-8 or over the size limit; and query operators in the query string.
 */
export function hostileVariations(request: PreparedRequest, limits: { bodyBytes: number; longText: number }): HostileRequest[] {
  const body = (request.body ?? {}) as Json;
  const json = JSON.stringify(body);
  const places = placesOf(body);
  const objects = places.filter((place): place is { path: Path; value: Record<string, Json> } => place.value !== null && typeof place.value === 'object' && !Array.isArray(place.value));
  const variations: HostileRequest[] = [];
  const send = (name: string, status: HostileRequest['status'], text: string | Uint8Array, contentType: string | null = 'application/json', path = request.path) => variations.push({ name, status, path, body: text, contentType });

  const separator = request.path.includes('?') ? '&' : '?';
  for (const query of ['$where=1', 'basedOnVersion[$gt]=0', '__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', 'filter={"$ne":null}']) {
    send(`the query string ${query}`, 400, request.body === undefined ? '' : json, request.body === undefined ? null : 'application/json', `${request.path}${separator}${query}`);
  }
  if (request.body === undefined) return variations;

  places.forEach((place, index) => send(`query operator ${operators[index % operators.length]} as ${describePath(place.path)}`, 400, withRawAt(body, place.path, operators[index % operators.length]!)));
  for (const object of objects) {
    send(`"$where" added to ${describePath(object.path)}`, 400, withRawAt(body, object.path, withMember(object.value, '"$where":"this.role == \'admin\'"')));
    send(`"__proto__" added to ${describePath(object.path)}`, 400, withRawAt(body, object.path, withMember(object.value, '"__proto__":{"polluted":"yes","role":"admin"}')));
    send(`"constructor.prototype" added to ${describePath(object.path)}`, 400, withRawAt(body, object.path, withMember(object.value, '"constructor":{"prototype":{"polluted":"yes"}}')));
    send(`an over-long key in ${describePath(object.path)}`, 400, withRawAt(body, object.path, withMember(object.value, `${JSON.stringify('k'.repeat(limits.longText))}:1`)));
  }
  for (const place of places.filter((entry) => typeof entry.value === 'string')) {
    send(`${limits.longText.toLocaleString('en-GB')} characters as ${describePath(place.path)}`, 400, withRawAt(body, place.path, JSON.stringify('x'.repeat(limits.longText))));
  }
  const depth = Math.floor(limits.bodyBytes / 8);
  send(`arrays nested ${depth} deep as the body`, 400, `${'['.repeat(depth)}${']'.repeat(depth)}`);
  const first = places[1];
  if (first !== undefined) send(`objects nested ${depth} deep as ${describePath(first.path)}`, 400, withRawAt(body, first.path, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', null]) {
    send(`the body sent as ${contentType ?? 'no content type'}`, 415, json, contentType);
  }
  send(`a body over the ${limits.bodyBytes.toLocaleString('en-GB')}-byte limit`, 413, withRawAt(body, [], withMember(body as Record<string, Json>, `"padding":${JSON.stringify('x'.repeat(limits.bodyBytes + 1))}`)));

  const text = new TextEncoder().encode(json);
  const quote = text.indexOf(0x22, text.indexOf(0x3a)); // the opening quote of the first string value (or of a key)
  for (const [name, bytes] of [['a lone 0xFF byte', [0xff]], ['an overlong encoding of "/"', [0xc0, 0xaf]], ['an encoded UTF-16 surrogate', [0xed, 0xa0, 0x80]], ['a truncated sequence', [0xe2, 0x82]]] as const) {
    send(`invalid UTF-8 (${name}) inside a string`, 400, new Uint8Array([...text.slice(0, quote + 1), ...bytes, ...text.slice(quote + 1)]));
  }

  return variations;
}
