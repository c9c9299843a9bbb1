// `npm run fuzz:api`: fuzzes the REST API with Schemathesis, from its own OpenAPI document.
//
// Installs Schemathesis (pinned) into a local virtual environment (.cache/fuzz-venv, once), starts
// the server as its own process on a fresh data folder with the demo assessments, aims the
// generated requests at real records (a demo assessment in review, a real system and criterion) so
// the handlers behind the 404s are reached too, and runs every operation with the checks below.
// Bounded: FUZZ_MAX_EXAMPLES cases per operation (default 30). Exits non-zero on any failure.
// The summary and the reports go to FUZZ_OUT (default .cache/fuzz-api/).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServerProcess } from '../test/support/server-process.ts';

const schemathesisVersion = '4.32.5';
const checks = ['not_a_server_error', 'response_schema_conformance', 'status_code_conformance', 'content_type_conformance'];
const maxExamples = Number(process.env.FUZZ_MAX_EXAMPLES ?? 30);
const out = resolve(process.env.FUZZ_OUT ?? '.cache/fuzz-api');
const venv = resolve('.cache/fuzz-venv');
const schemathesis = join(venv, 'bin', 'schemathesis');

/** Makes the virtual environment with the pinned Schemathesis, unless it is already there. */
function ensureSchemathesis(): void {
  const stamp = join(venv, 'schemathesis.version');
  if (existsSync(schemathesis) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === schemathesisVersion) return;
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python.status !== 0) {
    throw new Error('fuzz:api needs Python 3.9 or later with venv and pip (Debian/Ubuntu: apt-get install python3 python3-venv python3-pip). python3 was not found on PATH.');
  }
  console.log(`Installing Schemathesis ${schemathesisVersion} into ${venv} (${python.stdout.trim()}, first run only)…`);
  const steps: Array<[string, string[]]> = [
    ['python3', ['-m', 'venv', venv]],
    [join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${schemathesisVersion}`]],
  ];
  for (const [command, args] of steps) {
    const result = spawnSync(command, args, { stdio: 'inherit' });
    if (result.status !== 0) {
      throw new Error(`\`${command} ${args.join(' ')}\` failed. fuzz:api needs python3 with the venv module and pip, and access to PyPI (Debian/Ubuntu: apt-get install python3-venv python3-pip).`);
    }
  }
  writeFileSync(stamp, schemathesisVersion);
}

/** Schemathesis settings: the token, and real ids for path parameters so requests reach real records. */
function config(token: string, assessmentId: string, spareTokenId: string): string {
  return [
    `headers = { Authorization = "Bearer ${token}" }`,
    '',
    '[generation]',
    `max-examples = ${maxExamples}`,
    '',
    '[[operations]]',
    'include-path-regex = "^/api/v1/assessments/\\\\{id\\\\}"',
    `parameters = { "path.id" = "${assessmentId}", "path.criterion" = "hosc-effectiveness" }`,
    '',
    // Only a spare token may be revoked: revoking the fuzzer's own would end the run's authentication.
    '[[operations]]',
    'include-path = "/api/v1/tokens/{id}"',
    `parameters = { "path.id" = "${spareTokenId}" }`,
    '',
    '[[operations]]',
    'include-path-regex = "^/api/v1/systems/\\\\{code\\\\}"',
    'parameters = { "path.code" = "QOX" }',
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  ensureSchemathesis();
  await mkdir(out, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'ics-fuzz-'));
  const server = await startServerProcess(dataDir, { SEED_DEMO: 'true', LOG_LEVEL: 'info' });
  const serverLog = createWriteStream(join(out, 'server.log'));
  server.child.stdout?.pipe(serverLog);
  server.child.stderr?.pipe(serverLog);
  try {
    const headers = { authorization: `Bearer ${server.adminToken}` };
    const listed = (await (await fetch(`${server.url}/api/v1/assessments?status=in-review`, { headers })).json()) as { items: Array<{ id: string }> };
    const target = listed.items[0]?.id;
    if (target === undefined) throw new Error('The demo data has no assessment in review to aim at');
    const admin = ((await (await fetch(`${server.url}/api/v1/users`, { headers })).json()) as Array<{ id: string; role: string }>).filter((user) => user.role === 'admin');
    const spare = (await (await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ userId: admin[0]!.id, name: 'spare, for the fuzzer to revoke' }) })).json()) as { token: { id: string } };
    const configFile = join(out, 'schemathesis.toml');
    await writeFile(configFile, config(server.adminToken, target, spare.token.id));
    const args = [
      '--config-file', configFile, 'run', `${server.url}/api/v1/openapi.json`,
      '--checks', checks.join(','),
      '--workers', '1',
      '--seed', process.env.FUZZ_SEED ?? '20261123',
      '--request-timeout', '60',
      '--report', 'junit,ndjson', '--report-dir', out,
      '--output-truncate', 'false',
    ];
    console.log(`Fuzzing ${server.url}/api/v1/openapi.json: ${checks.join(', ')}; up to ${maxExamples} cases per operation…`);
    const summary = createWriteStream(join(out, 'summary.txt'));
    // Run in the output folder, where Schemathesis keeps its own cache (.schemathesis/).
    const child = spawn(schemathesis, args, { cwd: out, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    for (const stream of [child.stdout, child.stderr]) {
      stream.pipe(process.stdout, { end: false });
      stream.pipe(summary, { end: false });
    }
    const code = await new Promise<number>((done) => child.once('close', (status) => done(status ?? 1)));
    summary.end();
    const unexpected = (await readFile(join(out, 'server.log'), 'utf8').catch(() => '')).split('\n').filter((line) => line.includes('Unexpected error'));
    console.log(`\nSummary: ${join(out, 'summary.txt')}; JUnit and NDJSON reports in ${out}; the server's log in ${join(out, 'server.log')} (${unexpected.length} unexpected errors logged).`);
    return code === 0 && unexpected.length === 0 ? 0 : 1;
  } finally {
    await server.stop();
    serverLog.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
