import type { PageRoute } from './page.ts';
import { accountPages } from './pages/account-pages.ts';
import { adminPages } from './pages/admin-pages.ts';
import { assessmentPages } from './pages/assessment-pages.ts';
import { calibrationPages } from './pages/calibration-pages.ts';
import { dashboardPages } from './pages/dashboard-pages.ts';
import { improvementPages } from './pages/improvement-pages.ts';
import { trendPages } from './pages/trend-pages.ts';

/**
 * Every web page with its access rule, in one table: mount-pages.ts mounts it. Calibration and
 * improvement pages have fixed words under /assessments/:id/, so they come before the assessment
 * pages (see assessment-pages.ts).
 */
export const pageTable: PageRoute[] = [...accountPages, ...adminPages, ...dashboardPages, ...trendPages, ...calibrationPages, ...improvementPages, ...assessmentPages];
