import { z } from 'zod';
import { period } from '../../../assessments/evidence/perspective-evidence.ts';
import { currentPeriodYear, periodStarting } from '../../../assessments/workflow/plausible-periods.ts';
import { statuses } from '../../../assessments/workflow/status.ts';
import type { PageRoute } from '../page.ts';
import { statusNames } from '../words.ts';
import { notAvailable } from './indicative-rating.ts';

const pageSize = 25;
/** A filter left blank ("All") or not one of the choices filters nothing. */
const choice = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const dashboardQuery = z.object({
  status: choice(z.enum(statuses)),
  period: choice(period),
  region: choice(z.string().trim().min(1).max(100)),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The financial years a filter offers: from the review's (2023/24) to the one after the current (which starts in April). */
function periodChoices(now: Date): string[] {
  const years: string[] = [];
  for (let year = currentPeriodYear(now) + 1; year >= 2023; year -= 1) years.push(periodStarting(year));
  return years;
}

const all = { value: '', text: 'All' };

/** The dashboard: the assessments the signed-in person may see, by status, with their indicative rating. */
export const dashboardPages: PageRoute[] = [
  {
    method: 'get',
    path: '/',
    access: { kind: 'signed-in' },
    handle: async ({ principal, query, services }) => {
      const filter = dashboardQuery.parse(query);
      const [found, systems] = await Promise.all([
        services.assessments.list({ status: filter.status, period: filter.period, region: filter.region }, { page: filter.page, pageSize }, principal!),
        // The regions of the systems in force in the period looked at (default: the current one).
        services.systems.list({ period: filter.period }),
      ]);
      // Ratings from the summaries kept current on write (one query, checked against each assessment's version), not from every history.
      const summaries = await services.summaries.of(found.items.map((assessment) => assessment.id));
      const rows = found.items.map((assessment) => ({ assessment, rating: summaries.get(assessment.id)?.rating ?? notAvailable }));
      const groups = statuses.map((status) => ({ status, name: statusNames[status], rows: rows.filter((row) => row.assessment.status === status) })).filter((group) => group.rows.length > 0);
      const regions = [...new Set(systems.map((system) => system.region))].sort();
      const lastPage = Math.max(1, Math.ceil(found.total / pageSize));
      const pageLink = (page: number) => `/?${new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), ...(filter.period ? { period: filter.period } : {}), ...(filter.region ? { region: filter.region } : {}), page: String(page) })}`;
      return {
        view: 'dashboard/assessments',
        title: 'Assessments',
        model: {
          groups,
          total: found.total,
          filtered: filter.status !== undefined || filter.period !== undefined || filter.region !== undefined,
          filter: { status: filter.status ?? '', period: filter.period ?? '', region: filter.region ?? '' },
          statusOptions: [all, ...statuses.map((status) => ({ value: status, text: statusNames[status] }))],
          periodOptions: [all, ...periodChoices(new Date()).map((value) => ({ value, text: value }))],
          regionOptions: [all, ...regions.map((value) => ({ value, text: value }))],
          pagination:
            lastPage === 1
              ? null
              : {
                  previous: filter.page > 1 ? { href: pageLink(filter.page - 1), text: `Page ${filter.page - 1} of ${lastPage}` } : null,
                  next: filter.page < lastPage ? { href: pageLink(filter.page + 1), text: `Page ${filter.page + 1} of ${lastPage}` } : null,
                },
          calibrationLabel: rows.some((row) => row.assessment.calibrationMode) ? services.packs.current.manifest.calibrationMode.label : null,
        },
      };
    },
  },
];
