import type { PageRoute } from '../page.ts';
import { rulePackPages } from './admin/rule-pack-pages.ts';
import { systemAdminPages } from './admin/system-pages.ts';
import { userAdminPages } from './admin/user-pages.ts';

/** The administrators' pages: users, systems and rule packs. */
export const adminPages: PageRoute[] = [...userAdminPages, ...systemAdminPages, ...rulePackPages];
