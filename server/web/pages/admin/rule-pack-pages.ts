import type { PageRoute } from '../../page.ts';

/** The rule packs this server has loaded and those assessments are pinned to, with how many each. */
export const rulePackPages: PageRoute[] = [
  {
    method: 'get',
    path: '/admin/rule-packs',
    access: { kind: 'admin' },
    handle: async ({ services }) => {
      const pinned = await services.assessments.pinnedPacks();
      const loaded = services.packs.list();
      const hashes = [...new Set([...loaded.map((pack) => pack.hash), ...pinned.map((entry) => entry.pack.hash)])];
      const packs = hashes.map((hash) => {
        const pack = loaded.find((candidate) => candidate.hash === hash);
        const use = pinned.find((entry) => entry.pack.hash === hash);
        return {
          id: pack?.id ?? use?.pack.id ?? '',
          version: pack?.version ?? use?.pack.version ?? '',
          hash,
          title: pack?.manifest.title ?? null,
          loaded: pack !== undefined,
          current: hash === services.packs.current.hash,
          assessments: use?.assessments ?? 0,
        };
      });
      return { view: 'admin/rule-packs', title: 'Rule packs', model: { packs } };
    },
  },
];
