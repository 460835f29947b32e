import type { Service, ServiceGroup } from './api-types.ts';

/** One block of the services screen: a group (null: the services without one) and its services. */
export interface Section {
  group: ServiceGroup | null;
  services: Service[];
}

const byPosition = (a: { position: number; name: string }, b: { position: number; name: string }) =>
  a.position - b.position || a.name.localeCompare(b.name);

/**
 * The display order, as on the status page: services without a (known) group first, then each group
 * by position, services by position within. Empty groups are left out unless asked for (admins see
 * them, to fill or delete them).
 */
export function groupSections(
  services: Service[],
  groups: ServiceGroup[],
  { withEmptyGroups = false } = {},
): Section[] {
  const sorted = [...services].sort(byPosition);
  const known = new Set(groups.map((g) => g.id));
  const ungrouped = sorted.filter((s) => !s.group_id || !known.has(s.group_id));
  return [
    ...(ungrouped.length > 0 ? [{ group: null, services: ungrouped }] : []),
    ...[...groups]
      .sort(byPosition)
      .map((group) => ({ group, services: sorted.filter((s) => s.group_id === group.id) }))
      .filter((section) => withEmptyGroups || section.services.length > 0),
  ];
}
