import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evidenceJsonSchema } from '../../assessments/evidence/json-schema.ts';
import { InvalidRulePackError, ValidationError } from '../../assessments/errors.ts';
import { defaultPackDirectory, packVersionsDirectory } from '../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../assessments/rule-pack/load-pack.ts';
import { packVersionFolders } from '../../assessments/rule-pack/pack-versions.ts';
import { runPackCases } from '../../assessments/rule-pack/run-cases.ts';
import { parseScoringInput } from '../../assessments/scoring/scoring-input.ts';
import { scorePerspective } from '../../assessments/scoring/score-perspective.ts';
import { formatResultAsText } from './format-result.ts';

/** Exit codes: 0 success, 1 invalid input (evidence, pack or failing cases), 2 usage error. */
export const exitCodes = { ok: 0, invalidInput: 1, usage: 2 } as const;

export interface Streams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const usage = `Usage: ics-maturity <command> [options]

Commands:
  score <evidence.json> [--format text|json] [--pack <dir>]
      Score one perspective's evidence and print the rating with its reasons.
  validate-pack [<dir>]
      Load a rule pack, or each version in a folder of versions (default: every shipped version
      of hewitt-3.122), run its cases and check they cover every criterion at every outcome.
  evidence-schema [<criterion>]
      Print the evidence JSON Schema (of one criterion, or of a whole scoring document).
  report <assessment-id> -o <report.pdf>
      Write the PDF calibration report of a stored assessment (database: MONGODB_URI, or the
      embedded FerretDB under DATA_DIR; read as an administrator).
  report --evidence <evidence.json> -o <report.pdf>
      Write the PDF calibration report of one scoring document, scored with the shipped pack.
  migrate-storage
      Move a database written by an earlier version (a collection of records per assessment) to
      the current layout, with progress; safe to run twice. The server does it at start too.
  create-admin --email <address> --name <name>
      Add an administrator to the stored database (as report does; stop the server first when it
      uses the embedded one) and print their one-time password for the web pages, once.
  update-reference
      Bring the stored database's systems in line with reference/ (the maps of ICBs with their
      in-force dates, and the successions between them). Safe to run twice; assessments are not
      touched.

A scoring document may carry "judgements", one per criterion id (¶3.121):
  {"decision": "accept"}                                   accept the proposed score or status
  {"decision": "override", "score": 1-4, "rationale": "…"}  another score for a scored criterion
  {"decision": "override-gate", "status": "well-managed" | "not-well-managed" | "severe", "rationale": "…"}
                                                           another status for the financial-management gate
A rationale has at least 20 characters. A criterion with no evidence may be overridden: the output
then says its score rests on judgement alone.

Exit codes: 0 success, 1 invalid input (with the field errors), 2 usage error.
`;

class UsageError extends Error {}

export async function main(argv: readonly string[], streams: Streams): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'score':
        return await score(rest, streams);
      case 'validate-pack':
        return await validatePack(rest, streams);
      case 'report':
        // Loaded only when asked for: it brings in the database driver and the browser.
        return await (await import('./report-command.ts')).reportCommand(rest, streams);
      case 'migrate-storage':
        return await (await import('./migrate-storage-command.ts')).migrateStorageCommand(rest, streams);
      case 'create-admin':
        return await (await import('./create-admin-command.ts')).createAdminCommand(rest, streams);
      case 'update-reference':
        return await (await import('./update-reference-command.ts')).updateReferenceCommand(rest, streams);
      case 'evidence-schema':
        streams.stdout.write(`${JSON.stringify(evidenceJsonSchema(rest[0]), null, 2)}\n`);
        return exitCodes.ok;
      case 'help':
      case '--help':
      case '-h':
        streams.stdout.write(usage);
        return exitCodes.ok;
      default:
        throw new UsageError(command === undefined ? 'No command given.' : `Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof ValidationError || error instanceof InvalidRulePackError) {
      streams.stderr.write(`${error.message}\n`);
      return exitCodes.invalidInput;
    }
    if (error instanceof UsageError || error instanceof RangeError || isArgumentError(error)) {
      streams.stderr.write(`${(error as Error).message}\n\n${usage}`);
      return exitCodes.usage;
    }
    throw error;
  }
}

async function score(args: readonly string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, pack: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('score takes exactly one evidence file.');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}".`);
  const input = await readJsonFile(positionals[0] as string);
  const { evidence, judgements } = parseScoringInput(input);
  // A folder of versions scores with its newest, as a new assessment would.
  const pack = await loadRulePack(values.pack === undefined ? defaultPackDirectory : (packVersionFolders(resolve(values.pack)).at(-1) ?? resolve(values.pack)));
  const result = await scorePerspective(pack, evidence, judgements);
  streams.stdout.write(values.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatResultAsText(result, pack));
  return exitCodes.ok;
}

async function validatePack(args: readonly string[], streams: Streams): Promise<number> {
  const { positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError('validate-pack takes at most one folder.');
  // One pack folder, or a folder of versions side by side: each version is validated with its own cases.
  const directory = positionals[0] === undefined ? packVersionsDirectory : resolve(positionals[0]);
  let passed = true;
  for (const folder of packVersionFolders(directory)) {
    const pack = await loadRulePack(folder);
    const report = await runPackCases(folder, pack);
    for (const outcome of report.outcomes) {
      const mark = outcome.failures.length === 0 ? 'ok  ' : 'FAIL';
      streams.stdout.write(`${mark} ${outcome.file}: ${outcome.name}\n`);
      for (const failure of outcome.failures) streams.stdout.write(`       ${failure}\n`);
    }
    for (const gap of report.coverageGaps) streams.stdout.write(`GAP  ${gap}\n`);
    const failed = report.outcomes.filter((outcome) => outcome.failures.length > 0).length;
    streams.stdout.write(`\n${pack.id} ${pack.version} (${pack.hash}): ${report.outcomes.length - failed} passed, ${failed} failed, ${report.coverageGaps.length} coverage gaps\n`);
    passed &&= report.passed;
  }
  return passed ? exitCodes.ok : exitCodes.invalidInput;
}

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${path} is not valid JSON`, [{ path: '', message: (error as Error).message }]);
  }
}

function isArgumentError(error: unknown): boolean {
  return error instanceof TypeError && typeof (error as NodeJS.ErrnoException).code === 'string' && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');
}
