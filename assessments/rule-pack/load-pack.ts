import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { criterionEvidence } from '../evidence/registry.ts';
import { InvalidRulePackError, jsonPath, type FieldIssue } from '../errors.ts';
import { checkCriterion, checkManifest } from './check-pack.ts';
import { compileCriterion } from './compile-criterion.ts';
import { packHash } from './pack-hash.ts';
import { criterionFile, manifestFile } from './pack-schema.ts';
import type { PackCriterion, RulePack } from './rule-pack.ts';

type FileIssue = FieldIssue & { file: string };

/**
 * Reads a rule pack folder and validates it completely: JSON syntax, each file's schema, and the
 * consistency of rules with the evidence they score. Fails with every issue at once, each naming
 * its file and JSON path, so an author can fix a pack in one pass.
 */
export async function loadRulePack(directory: string): Promise<RulePack> {
  const issues: FileIssue[] = [];
  const hashed: Array<{ path: string; bytes: Buffer }> = [];
  const display = (file: string) => {
    const path = relative(process.cwd(), join(directory, file));
    return path.startsWith('..') ? join(directory, file) : path;
  };

  const read = async <S extends z.ZodType>(file: string, schema: S): Promise<z.output<S> | undefined> => {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(directory, file));
    } catch (error) {
      issues.push({ file: display(file), path: '$', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return undefined;
    }
    hashed.push({ path: file, bytes });
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      issues.push({ file: display(file), path: '$', message: `is not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((issue) => ({ file: display(file), path: jsonPath(issue.path), message: issue.message })));
      return undefined;
    }
    return parsed.data;
  };

  const manifest = await read('manifest.json', manifestFile);
  if (manifest === undefined) throw new InvalidRulePackError(issues);
  issues.push(...checkManifest(manifest).map((issue) => ({ file: display('manifest.json'), ...issue })));

  const criteria: PackCriterion[] = [];
  for (const [index, entry] of manifest.criteria.entries()) {
    const file = await read(entry.file, criterionFile);
    if (file === undefined) continue;
    const evidence = criterionEvidence[entry.id];
    if (file.id !== entry.id) {
      issues.push({ file: display(entry.file), path: '$.id', message: `is "${file.id}" but the manifest lists this file as "${entry.id}"` });
    } else if (evidence === undefined) {
      issues.push({ file: display('manifest.json'), path: `$.criteria[${index}].id`, message: `no evidence is defined for the criterion "${entry.id}"; known criteria are ${Object.keys(criterionEvidence).join(', ')}` });
    } else {
      issues.push(...checkCriterion(file, evidence).map((issue) => ({ file: display(entry.file), ...issue })));
      const parameterValues = Object.fromEntries(Object.entries(file.parameters).map(([name, parameter]) => [name, parameter.value]));
      criteria.push({ ...file, evidence, parameterValues, compiled: compileCriterion(file) });
    }
  }
  const gates = criteria.filter((criterion) => criterion.kind === 'gate');
  if (gates.length > 1) issues.push({ file: display('manifest.json'), path: '$.criteria', message: `at most one criterion may be a gate; found ${gates.map((gate) => gate.id).join(', ')}` });
  if (issues.length > 0) throw new InvalidRulePackError(issues);

  return {
    id: manifest.id,
    version: manifest.version,
    hash: packHash(hashed),
    manifest,
    criteria: [...criteria.filter((criterion) => criterion.kind === 'scored'), ...gates],
  };
}
