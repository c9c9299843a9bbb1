import { z } from 'zod';
import { odsCode } from '../../../../assessments/evidence/perspective-evidence.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../../assessments/errors.ts';
import { period as periodSchema } from '../../../../assessments/evidence/perspective-evidence.ts';
import { dayInWords, periodOf } from '../../../../assessments/systems/period-dates.ts';
import { successionTypes } from '../../../../assessments/systems/succession.ts';
import type { Services } from '../../../services/services.ts';
import type { SystemChange, SystemView } from '../../../services/system-service.ts';
import { pageErrors, zodPageErrors, type PageError } from '../../form-errors.ts';
import type { PageResponse, PageRoute } from '../../page.ts';

const systemParams = z.strictObject({ code: odsCode });
const code = (what: string) => z.string({ error: `Enter ${what}` }).trim().toUpperCase();
const words = (what: string, max: number) => z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `Enter ${what} of at most ${max} characters`);
const note = z.string().trim().max(1000, 'Enter a note of at most 1000 characters').transform((text) => (text === '' ? undefined : text)).optional();
const version = z.coerce.number().int().min(1);

const newSystemForm = z.object({
  odsCode: code('the ICB’s ODS code').pipe(odsCode),
  onsCode: code('the ICB’s ONS code').pipe(z.string().regex(/^E54\d{6}$/, 'Enter the ICB’s ONS code, for example E54000040')),
  name: words('the name', 300),
  shortName: words('a short name', 200),
  region: words('the NHS region', 100),
  inForceFrom: z.union([z.literal('').transform(() => undefined), z.iso.date('Enter the date it is in force from as YYYY-MM-DD, for example 2027-04-01')]).optional(),
});
const renameForm = z.object({ name: words('the new name', 300), shortName: words('the new short name', 200), note, version });
const retireForm = z.object({ mergedInto: z.union([z.literal('').transform(() => undefined), odsCode], { error: 'Select a system from the list' }), note, version });
const successionForm = z.object({
  successor: z.string({ error: 'Select the successor from the list' }).regex(/^[A-Z0-9]{3,5}$/, 'Select the successor from the list'),
  date: z.iso.date('Enter the date it took effect as YYYY-MM-DD, for example 2027-04-01'),
  type: z.enum(successionTypes, { error: 'Select the kind of succession' }),
  note,
});
const listQuery = z.object({
  region: z.string().trim().min(1).max(100).optional().catch(undefined),
  status: z.enum(['active', 'retired']).optional().catch(undefined),
  period: z.union([z.literal('all'), periodSchema]).optional().catch(undefined),
});

/** The periods a list can show the systems of: from the first map's (2022/23) to the one after this one, newest first. */
function periodOptions(now: Date): Array<{ value: string; text: string }> {
  const periods: string[] = [];
  for (let year = Number(periodOf(now).slice(0, 4)) + 1; year >= 2022; year -= 1) periods.push(periodOf(`${year}-04-01`));
  return [{ value: 'all', text: 'Every system, including ended ones' }, ...periods.map((value) => ({ value, text: `In force in ${value}` }))];
}

/** When a system was in force, in words. */
function inForceWords(system: Pick<SystemView, 'inForceFrom' | 'inForceUntil'>): string {
  return system.inForceUntil === null ? `From ${dayInWords(system.inForceFrom)}` : `${dayInWords(system.inForceFrom)} to ${dayInWords(system.inForceUntil)} (ended)`;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const all = { value: '', text: 'All' };

async function regionOptions(services: Services): Promise<Array<{ value: string; text: string }>> {
  const regions = [...new Set((await services.systems.list({})).map((system) => system.region))].sort();
  return regions.map((region) => ({ value: region, text: region }));
}

/** A change in the system's history, in words. */
function describeChange(change: SystemChange): string {
  const after = (change.after ?? {}) as Partial<SystemView>;
  const before = (change.before ?? {}) as Partial<SystemView>;
  switch (change.action) {
    case 'created':
      return 'Added';
    case 'renamed':
      return `Renamed from “${before.name ?? ''}” to “${after.name ?? ''}”`;
    case 'merged':
      return `Retired: merged into ${after.mergedInto ?? ''}`;
    case 'retired':
      return 'Retired';
    case 'ended':
      return `Ended on ${after.inForceUntil ?? ''}`;
    case 'updated':
      return `Updated from reference data: ${Object.keys(before).join(', ')}`;
  }
}

async function newSystemPage(services: Services, values: Record<string, string>, errors: PageError[]): Promise<PageResponse> {
  return { view: 'admin/system-new', title: 'Add a system', status: errors.length > 0 ? 400 : 200, model: { values, errors, regionOptions: [{ value: '', text: 'Select a region' }, ...(await regionOptions(services))] } };
}

async function systemPage(services: Services, odsCode: string, errors: PageError[] = [], values: Record<string, string> = {}): Promise<PageResponse> {
  const system = await services.systems.get(odsCode);
  const everyOther = (await services.systems.list({ includeEnded: true })).filter((other) => other.odsCode !== system.odsCode);
  const others = everyOther.filter((other) => other.status === 'active');
  return {
    view: 'admin/system',
    title: `System: ${system.name} (${system.odsCode})`,
    status: errors.length > 0 ? 400 : 200,
    model: {
      system,
      history: system.history.map((change) => ({ ...change, description: describeChange(change) })),
      inForce: inForceWords(system),
      values: { name: system.name, shortName: system.shortName, renameNote: '', mergedInto: '', retireNote: '', successor: '', date: '', type: '', successionNote: '', ...values },
      successorOptions: [{ value: '', text: 'Select a system' }, ...everyOther.filter((other) => other.inForceUntil === null).map((other) => ({ value: other.odsCode, text: `${other.name} (${other.odsCode})` }))],
      typeOptions: successionTypes.map((type) => ({ value: type, text: successionTypeWords[type] })),
      mergeOptions: [{ value: '', text: 'None: it is retired, not merged' }, ...others.map((other) => ({ value: other.odsCode, text: `${other.name} (${other.odsCode})` }))],
      errors,
    },
  };
}

const successionTypeWords: Readonly<Record<(typeof successionTypes)[number], string>> = {
  merger: 'Merger: it folds whole into the successor',
  split: 'Split: its area is divided between several successors (record one for each)',
  acquisition: 'Acquisition: the successor, already in force, gains part of its area',
};

const changedMeanwhile = (href: string): PageError => ({ href, text: 'Someone else changed this system after you opened this page. Check its details and history below, then try again.' });

/** Administration of systems (ICSs by their ICB code): list and filter, add, rename, retire or merge; with the history kept. */
export const systemAdminPages: PageRoute[] = [
  {
    method: 'get',
    path: '/admin/systems',
    access: { kind: 'admin' },
    handle: async ({ query, services }) => {
      const filter = listQuery.parse(query);
      const period = filter.period ?? services.systems.currentPeriod();
      const systems = await services.systems.list({ region: filter.region, status: filter.status, ...(period === 'all' ? { includeEnded: true } : { period }) });
      return {
        view: 'admin/systems',
        title: 'Systems',
        model: {
          systems: systems.map((system) => ({ ...system, inForce: inForceWords(system) })),
          filter: { region: filter.region ?? '', status: filter.status ?? '', period },
          periodOptions: periodOptions(new Date()),
          regionOptions: [all, ...(await regionOptions(services))],
          statusOptions: [all, { value: 'active', text: 'Active' }, { value: 'retired', text: 'Retired' }],
        },
      };
    },
  },
  {
    method: 'get',
    path: '/admin/systems/new',
    access: { kind: 'admin' },
    handle: async ({ services }) => newSystemPage(services, { odsCode: '', onsCode: '', name: '', shortName: '', region: '', inForceFrom: '' }, []),
  },
  {
    method: 'post',
    path: '/admin/systems/new',
    access: { kind: 'admin' },
    handle: async ({ form, principal, services }) => {
      const values = { odsCode: text(form.odsCode), onsCode: text(form.onsCode), name: text(form.name), shortName: text(form.shortName), region: text(form.region), inForceFrom: text(form.inForceFrom) };
      const parsed = newSystemForm.safeParse(form);
      if (!parsed.success) return newSystemPage(services, values, zodPageErrors(parsed.error));
      try {
        const system = await services.systems.create(parsed.data, principal!);
        return { redirect: `/admin/systems/${system.odsCode}`, flash: `${system.name} (${system.odsCode}) is added` };
      } catch (error) {
        if (error instanceof ConflictError) return newSystemPage(services, values, [{ href: '#odsCode', text: 'A system with this ODS code already exists' }]);
        throw error;
      }
    },
  },
  {
    method: 'get',
    path: '/admin/systems/:code',
    access: { kind: 'admin' },
    params: systemParams,
    handle: async ({ params, services }) => systemPage(services, params.code!),
  },
  {
    method: 'post',
    path: '/admin/systems/:code/rename',
    access: { kind: 'admin' },
    params: systemParams,
    handle: async ({ params, form, principal, services }) => {
      const values = { name: text(form.name), shortName: text(form.shortName), renameNote: text(form.note) };
      const parsed = renameForm.safeParse(form);
      if (!parsed.success) return systemPage(services, params.code!, zodPageErrors(parsed.error, { note: 'renameNote', version: 'name' }), values);
      try {
        const system = await services.systems.rename(params.code!, parsed.data, principal!);
        return { redirect: `/admin/systems/${system.odsCode}`, flash: `The system is renamed ${system.name}` };
      } catch (error) {
        if (error instanceof ConflictError) return systemPage(services, params.code!, [changedMeanwhile('#name')], values);
        throw error;
      }
    },
  },
  {
    method: 'post',
    path: '/admin/systems/:code/retire',
    access: { kind: 'admin' },
    params: systemParams,
    handle: async ({ params, form, principal, services }) => {
      const values = { mergedInto: text(form.mergedInto), retireNote: text(form.note) };
      const parsed = retireForm.safeParse(form);
      if (!parsed.success) return systemPage(services, params.code!, zodPageErrors(parsed.error, { note: 'retireNote', version: 'mergedInto' }), values);
      try {
        const system = await services.systems.retire(params.code!, parsed.data, principal!);
        return { redirect: `/admin/systems/${system.odsCode}`, flash: `${system.name} is retired` };
      } catch (error) {
        if (error instanceof NotFoundError) return systemPage(services, params.code!, [{ href: '#mergedInto', text: 'Select a system from the list' }], values);
        if (error instanceof ConflictError) return systemPage(services, params.code!, [changedMeanwhile('#mergedInto')], values);
        throw error;
      }
    },
  },
  {
    method: 'post',
    path: '/admin/systems/:code/succession',
    access: { kind: 'admin' },
    params: systemParams,
    handle: async ({ params, form, principal, services }) => {
      const values = { successor: text(form.successor), date: text(form.date), type: text(form.type), successionNote: text(form.note) };
      const parsed = successionForm.safeParse(form);
      if (!parsed.success) return systemPage(services, params.code!, zodPageErrors(parsed.error, { note: 'successionNote' }), values);
      try {
        const succession = await services.systems.recordSuccession({ predecessor: params.code!, successor: parsed.data.successor, date: parsed.data.date, type: parsed.data.type, note: parsed.data.note }, principal!);
        return { redirect: `/admin/systems/${params.code}`, flash: `The succession by ${succession.successor} on ${dayInWords(succession.date)} is recorded` };
      } catch (error) {
        if (error instanceof ValidationError) return systemPage(services, params.code!, pageErrors(error.issues, { predecessor: 'successor' }), values);
        if (error instanceof ConflictError) return systemPage(services, params.code!, [{ href: '#successor', text: error.message }], values);
        throw error;
      }
    },
  },
];
