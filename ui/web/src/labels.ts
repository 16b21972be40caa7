/** Danish texts: the client kit's enum labels and error catalogue, dates and source names. */
import { ERROR_CATALOGUE, LABELS_DA, type SectorArea } from '@hoi/client-kit';

export const L = LABELS_DA;

/** The six sector areas in the order the API lists them. */
export const AREAS: readonly SectorArea[] = [
  'EMPLOYMENT',
  'SOCIAL_ADULT',
  'CHILDREN_FAMILY',
  'HEALTH',
  'EDUCATION',
  'ADDICTION',
];

/** The Danish label of an area (the raw value when unknown). */
export const areaLabel = (area: string): string =>
  (L.SectorArea as Record<string, string>)[area] ?? area;

const ROLE_LABELS: Readonly<Record<string, string>> = {
  caseworker: 'Sagsbehandler',
  citizen: 'Borger',
  screener: 'Udsøger',
  auditor: 'Databeskyttelsesrådgiver',
  unknown: 'Ukendt',
};

/** The Danish name of a role. */
export const roleLabel = (role: string): string => ROLE_LABELS[role] ?? role;

/** Source systems as the gateway names them in `extensions.source`. */
const SOURCE_LABELS: Readonly<Record<string, string>> = {
  'case-index': 'Sags- og dokumentindekset',
  'benefit-index': 'Ydelsesindekset',
  'intervention-index': 'Indsatsindekset',
  'employment-dfdg': 'DFDG (beskæftigelse)',
  'consent-register': 'Samtykkeregistret',
  'hoi-plan-store': 'Den samlede plan',
  screening: 'HOI-udsøgningen',
};

/** The Danish name of a source (or of the subgraph when the source is not named). */
export const sourceLabel = (source: string | undefined, service: string | undefined): string =>
  (source && SOURCE_LABELS[source]) ?? source ?? service ?? 'ukendt kilde';

/** The Danish meaning of an error code. */
export function errorText(code: string | undefined): string {
  if (code === 'NETWORK') return 'Der er ingen forbindelse til serveren. Prøv igen om lidt.';
  const entry = code ? ERROR_CATALOGUE[code] : undefined;
  return entry ? `${entry.da.meaning} ${entry.da.whatToDo}` : 'Der skete en uventet fejl.';
}

const DAY = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/Copenhagen',
});
const INSTANT = new Intl.DateTimeFormat('da-DK', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Copenhagen',
});

/** A Date (YYYY-MM-DD) in Danish, '–' for none. */
export function day(date: string | null | undefined): string {
  if (!date) return '–';
  return DAY.format(new Date(`${date.slice(0, 10)}T12:00:00Z`));
}

/** A DateTime in Danish (Copenhagen time). */
export function instant(value: string | null | undefined): string {
  return value ? INSTANT.format(new Date(value)) : '–';
}

/** Today's Copenhagen date plus `days`, as YYYY-MM-DD. */
export function dateFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(d);
}
