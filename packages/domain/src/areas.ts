/** The six sector areas of the contract (DESIGN §3), in their canonical order. */
export const SECTOR_AREAS = [
  'EMPLOYMENT',
  'SOCIAL_ADULT',
  'CHILDREN_FAMILY',
  'HEALTH',
  'EDUCATION',
  'ADDICTION',
] as const;

/** One sector area. */
export type SectorArea = (typeof SECTOR_AREAS)[number];

/** True when the value is one of the six sector areas. */
export function isSectorArea(value: unknown): value is SectorArea {
  return typeof value === 'string' && (SECTOR_AREAS as readonly string[]).includes(value);
}

/**
 * Area derived from a KLE number (domain.md §7). A source's free-text area is never trusted.
 * Returns null for KLE groups outside the six areas (e.g. UDK-administered 32.06).
 */
export function areaOfKle(kle: string): SectorArea | null {
  const [main, group] = kle.split('.');
  const mainGroup = `${main}.${group}`;
  if (main === '15') return 'EMPLOYMENT';
  if (mainGroup === '32.24' || mainGroup === '32.27' || mainGroup === '32.30') return 'EMPLOYMENT';
  if (mainGroup === '27.51' || mainGroup === '29.24') return 'ADDICTION';
  if (main === '27') return 'SOCIAL_ADULT';
  if (mainGroup === '32.18' || mainGroup === '32.21') return 'SOCIAL_ADULT';
  if (main === '34') return 'CHILDREN_FAMILY';
  if (main === '29') return 'HEALTH';
  if (main === '17' || main === '54') return 'EDUCATION';
  return null;
}
