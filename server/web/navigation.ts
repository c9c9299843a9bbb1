import { mayAdminister, mayCalibrateAcrossSystems } from '../../assessments/access/policy.ts';
import type { Principal } from '../../assessments/access/roles.ts';

interface NavigationItem {
  text: string;
  href: string;
  shownTo(principal: Principal): boolean;
}

/** The header's menu, in order; each item says whom it is for (the pages themselves still check access). */
const items: NavigationItem[] = [
  { text: 'Assessments', href: '/', shownTo: () => true },
  { text: 'Calibration', href: '/calibration', shownTo: mayCalibrateAcrossSystems },
  { text: 'National view', href: '/national', shownTo: mayCalibrateAcrossSystems },
  { text: 'Users', href: '/admin/users', shownTo: mayAdminister },
  { text: 'Systems', href: '/admin/systems', shownTo: mayAdminister },
  { text: 'Rule packs', href: '/admin/rule-packs', shownTo: mayAdminister },
];

/** The menu for a signed-in person, with the item for the current path marked; empty when nobody is signed in. */
export function navigationFor(principal: Principal | null, path: string): Array<{ text: string; href: string; current: boolean }> {
  if (principal === null) return [];
  return items
    .filter((item) => item.shownTo(principal))
    .map(({ text, href }) => ({ text, href, current: href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`) }));
}
