/** One bullet of a pack's CHANGELOG.md, with the version whose section it is in. */
export interface ChangelogEntry {
  version: string;
  text: string;
}

/** Orders two semantic versions (major.minor.patch, numerically). */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The bullets of a CHANGELOG.md (sections `## 1.1.0 — date`, bullets `- …` continued on indented
 * lines) of the versions after `after` up to and including `upTo`.
 */
export function changelogEntries(changelog: string, after: string, upTo: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  let version: string | null = null;
  for (const line of changelog.split(/\r?\n/)) {
    const heading = /^##\s+v?(\d+\.\d+\.\d+)/.exec(line);
    if (heading !== null) {
      version = heading[1] as string;
      continue;
    }
    if (version === null || compareVersions(version, after) <= 0 || compareVersions(version, upTo) > 0) continue;
    if (/^\s*[-*]\s+/.test(line)) entries.push({ version, text: line.replace(/^\s*[-*]\s+/, '').trim() });
    else if (/^\s+\S/.test(line) && entries.at(-1)?.version === version) (entries.at(-1) as ChangelogEntry).text += ` ${line.trim()}`;
  }
  return entries;
}
