import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Principal } from '../../assessments/access/roles.ts';
import { ProductError, ValidationError } from '../../assessments/errors.ts';
import { buildReportModel } from '../../assessments/report-model/build-report-model.ts';
import type { ReportModel } from '../../assessments/report-model/report-model.ts';
import { defaultPackDirectory } from '../../assessments/rule-pack/default-pack.ts';
import { loadRulePack } from '../../assessments/rule-pack/load-pack.ts';
import { loadPackVersions } from '../../assessments/rule-pack/load-pack-versions.ts';
import { identityOf } from '../../assessments/rule-pack/rule-pack.ts';
import { parseScoringInput } from '../../assessments/scoring/scoring-input.ts';
import { scorePerspective } from '../../assessments/scoring/score-perspective.ts';
import { fromProjectRoot } from '../../scripts/project-root.mjs';
import { loadConfig, type Config } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { AssessmentRecords } from '../persistence/assessment-records.ts';
import { BrowserPool } from '../reports/browser-pool.ts';
import { loadHtmlRenderer, type HtmlRenderer } from '../reports/html-renderer.ts';
import { renderReportPdf } from '../reports/pdf-renderer.ts';
import { ReportService } from '../reports/report-service.ts';
import { AssessmentService } from '../services/assessment-service.ts';
import { SystemService } from '../services/system-service.ts';
import { packChangelog, TrendService } from '../services/trend-service.ts';
import { systemClock } from '../services/clock.ts';
import { CriterionService } from '../services/criterion-service.ts';
import { GoodPracticeIndex } from '../services/good-practice-index.ts';
import { ImprovementService } from '../services/improvement-service.ts';
import { PackRegistry } from '../services/pack-registry.ts';
import { parseCsv } from '../services/parse-csv.ts';
import type { Streams } from './main.ts';
import { withStoredDatabase } from './stored-database.ts';

/** The command line reads stored assessments as an administrator: it runs where the database is. */
const commandLine: Principal = { userId: 'command-line', name: 'Command line', role: 'admin', system: null };

/**
 * `report <assessment-id> -o report.pdf`: the calibration report of a stored assessment, read from
 * the database the server uses (MONGODB_URI, or the embedded FerretDB under DATA_DIR).
 * `report --evidence <file.json> -o report.pdf`: the report of one scoring document, scored with the
 * shipped pack, without a database. Exit codes as the other commands: 0, 1 invalid input or not
 * found, 2 usage.
 */
export async function reportCommand(args: readonly string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { output: { type: 'string', short: 'o' }, evidence: { type: 'string' } } });
  if (values.output === undefined) throw new RangeError('report needs -o <file.pdf>: where to write the PDF.');
  if ((values.evidence === undefined) === (positionals.length !== 1)) throw new RangeError('report takes either one assessment id or --evidence <file.json>.');
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const pool = new BrowserPool({ executablePath: config.reports.chromiumPath, size: 1, maxQueue: 0, taskTimeoutMs: config.reports.timeoutMs, log });
  try {
    const html = loadHtmlRenderer();
    const pdf =
      values.evidence === undefined
        ? (await storedReport(positionals[0] as string, config, log, html, pool)).pdf
        : await renderReportPdf(await fileReport(values.evidence, config), html, pool);
    await writeFile(values.output, pdf);
    streams.stdout.write(`Wrote ${values.output} (${Math.round(pdf.length / 1024)} KB)\n`);
    return 0;
  } catch (error) {
    if (error instanceof ProductError && !(error instanceof ValidationError)) {
      streams.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await pool.close();
  }
}

async function storedReport(id: string, config: Config, log: Logger, html: HtmlRenderer, pool: BrowserPool) {
  return withStoredDatabase(config, log, async (database) => {
    const packs = PackRegistry.ofVersions(await loadPackVersions(config.rulePackDir));
    const records = new AssessmentRecords(database.connection, database.layout);
    const assessments = new AssessmentService(database.models, records, packs, systemClock);
    // Good practice from other systems is read from the index, rebuilt here from the records in case the database was last written by an older version.
    const goodPractice = new GoodPracticeIndex(database.models, assessments, packs, systemClock, log);
    await goodPractice.rebuild();
    const criteria = new CriterionService(assessments, records, packs, systemClock, goodPractice);
    const improvement = new ImprovementService(assessments, criteria, records, packs, systemClock, goodPractice);
    const changelog = await packChangelog(config.rulePackDir);
    const trends = new TrendService(new SystemService(database.models, systemClock), assessments, packs, changelog);
    const reports = new ReportService({ assessments, criteria, improvement, packs, trends, clock: systemClock, html, pool, protectiveMarking: config.protectiveMarking, perUser: config.reports.perUser });
    return reports.pdf(id, commandLine);
  });
}

/** The report of one perspective's scoring document, with the system's name from reference/icbs.csv. */
async function fileReport(path: string, config: Config): Promise<ReportModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RangeError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${path} is not valid JSON`, [{ path: '', message: (error as Error).message }]);
  }
  const { evidence, judgements } = parseScoringInput(input);
  const pack = await loadRulePack(defaultPackDirectory);
  const result = await scorePerspective(pack, evidence, judgements);
  const reference = await referenceSystem(evidence.system);
  return buildReportModel({
    assessment: { system: evidence.system, systemName: reference?.name ?? evidence.system, region: reference?.region ?? null, period: evidence.period, status: null, pack: identityOf(pack), demo: false },
    pack,
    perspectives: [{ perspective: evidence.perspective, result, evidence: evidence.criteria }],
    moderation: [],
    improvement: null,
    options: { protectiveMarking: config.protectiveMarking, generatedOn: systemClock.now().toISOString().slice(0, 10) },
  });
}

async function referenceSystem(code: string): Promise<{ name: string; region: string } | null> {
  const [header, ...rows] = parseCsv(await readFile(fromProjectRoot('reference', 'icbs.csv'), 'utf8'));
  const column = (name: string) => header?.indexOf(name) ?? -1;
  const row = rows.find((fields) => fields[column('ods_code')] === code);
  return row === undefined ? null : { name: row[column('name')] ?? code, region: row[column('nhs_region')] ?? '' };
}
