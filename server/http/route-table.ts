import type { Route } from './route.ts';
import { administrationRoutes } from './routes/administration.ts';
import { assessmentRoutes } from './routes/assessments.ts';
import { blindReviewRoutes } from './routes/blind-review.ts';
import { calibrationRoutes } from './routes/calibration.ts';
import { criterionRoutes } from './routes/criteria.ts';
import { improvementRoutes } from './routes/improvement.ts';
import { metaRoutes } from './routes/meta.ts';
import { packMoveRoutes } from './routes/pack-moves.ts';
import { reportRoutes } from './routes/reports.ts';
import { systemRoutes } from './routes/systems.ts';
import { transferRoutes } from './routes/transfer.ts';
import { trendRoutes } from './routes/trends.ts';

/** Every API route with its access rule, in one table: the app mounts it and OpenAPI documents it. */
export function apiRouteTable(version: string, databaseState: () => Promise<string>, starting: () => boolean = () => false): Route[] {
  // Import comes before /assessments/:id routes so that "import" is never read as an id.
  const api = [...systemRoutes, ...trendRoutes, ...transferRoutes, ...assessmentRoutes, ...packMoveRoutes, ...blindReviewRoutes, ...criterionRoutes, ...reportRoutes, ...calibrationRoutes, ...improvementRoutes, ...administrationRoutes];
  return [...api, ...metaRoutes(api, version, databaseState, starting)];
}
