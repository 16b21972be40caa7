/**
 * The playground's preloaded tabs (issue 15): one per example operation of the client kit
 * (clients/operations/*.graphql, as written there, comments included), the most useful first,
 * each with its variables prefilled for the sample citizen and the role it runs as.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { SECTOR_AREAS } from '@hoi/domain';
import type { PlaygroundSample } from './playgroundSample.js';
import type { PlaygroundRole } from './playgroundTokens.js';

/** The client kit's operations, next to the gateway in this repository (and in the image). */
export const CLIENT_OPERATIONS_DIR = new URL('../../clients/operations/', import.meta.url).pathname;

/** The order of the tabs: what a developer tries first; any other operation follows by name. */
export const TAB_ORDER: readonly string[] = [
  'CitizenOverview',
  'Timeline',
  'HoiPlan',
  'ConsentHistory',
  'GiveConsent',
  'WithdrawConsent',
  'Screening',
  'MyOverview',
  'MyAccessLog',
  'CitizenAccessLog',
  'HoiEligibility',
  'CitizensOverview',
  'CreateHoiPlan',
  'AddSubGoal',
  'SetSubGoalStatus',
  'AddAgreement',
  'SetAgreementStatus',
  'CommentOnAgreement',
  'ScheduleMeeting',
  'SetPlanStatus',
];

/** The role an operation runs as when it is not a caseworker's (the roles' scopes). */
const ROLE_OF: Readonly<Record<string, PlaygroundRole>> = {
  Screening: 'screener',
  CitizenAccessLog: 'auditor',
  MyOverview: 'citizen',
  MyAccessLog: 'citizen',
  CommentOnAgreement: 'citizen',
};

/** A `status` per operation that takes one. */
const STATUS_OF: Readonly<Record<string, string>> = {
  SetSubGoalStatus: 'IN_PROGRESS',
  SetAgreementStatus: 'DONE',
  SetPlanStatus: 'ACTIVE',
};

/** Placeholder of the CPR when there is no sample (production): BAD_USER_INPUT says why. */
export const CPR_PLACEHOLDER = 'DDMMYY-SSSS';

/** One example operation of the client kit. */
export interface ClientOperation {
  /** The operation's name (the file's). */
  readonly name: string;
  /** The document as written in the kit. */
  readonly text: string;
  readonly definition: OperationDefinitionNode;
}

/** A preloaded tab. */
export interface PlaygroundTab {
  readonly name: string;
  readonly role: PlaygroundRole;
  readonly query: string;
  /** JSON of the prefilled variables. */
  readonly variables: string;
}

/** Reads the kit's operations (one named operation per file); none when the folder is absent. */
export function readClientOperations(dir: string = CLIENT_OPERATIONS_DIR): ClientOperation[] {
  if (!existsSync(dir)) return [];
  const operations: ClientOperation[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const definition = parse(text).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    if (definition?.name) operations.push({ name: definition.name.value, text, definition });
  }
  return operations;
}

/** `YYYY-MM-DD`, `days` after `today`. */
function addDays(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The value of a variable for the sample (undefined: left out, for the developer to fill in).
 * Plan element ids and the version come from the sample's demo plan when there is one; the
 * texts are what a caseworker or citizen might write.
 */
function valueOf(
  operation: string,
  variable: string,
  sample: PlaygroundSample | null,
  today: string,
): unknown {
  const plan = sample?.plan ?? null;
  const area = sample?.areas[0] ?? 'EMPLOYMENT';
  const meetingDay = addDays(today, 7);
  switch (variable) {
    case 'cpr':
      return sample?.cpr ?? CPR_PLACEHOLDER;
    case 'cprs':
      return [sample?.cpr ?? CPR_PLACEHOLDER];
    case 'first':
      return 20;
    case 'group':
      return 'MANDATORY';
    case 'areas':
      return sample && sample.areas.length > 0 ? sample.areas : SECTOR_AREAS;
    case 'validUntil':
      return addDays(today, 365);
    case 'overallGoal':
      return 'Jeg vil gerne i arbejde og have styr på min økonomi.';
    case 'planId':
      return plan?.id;
    case 'expectedVersion':
      return plan?.version;
    case 'subGoalId':
      return plan?.subGoals[0]?.id;
    case 'agreementId':
      return plan?.agreements[0]?.id;
    case 'area':
      return area;
    case 'text':
      return operation === 'AddAgreement'
        ? 'Borgeren og jobcentret taler sammen hver 14. dag.'
        : 'Deltage i et virksomhedsforløb.';
    case 'targetDate':
      return addDays(today, 90);
    case 'dueDate':
      return addDays(today, 30);
    case 'title':
      return 'Koordinerende møde';
    case 'start':
      return `${meetingDay}T08:00:00.000Z`;
    case 'end':
      return `${meetingDay}T09:00:00.000Z`;
    case 'status':
      return STATUS_OF[operation];
    case 'comment':
      return 'Det passer mig fint.';
    default:
      return undefined;
  }
}

/** The tabs for the kit's operations, in {@link TAB_ORDER}, then the others by name. */
export function playgroundTabs(
  operations: readonly ClientOperation[],
  sample: PlaygroundSample | null,
  today: string,
): PlaygroundTab[] {
  const rank = (name: string) => {
    const i = TAB_ORDER.indexOf(name);
    return i < 0 ? TAB_ORDER.length : i;
  };
  return [...operations]
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
    .map(({ name, text, definition }) => {
      const variables: Record<string, unknown> = {};
      for (const v of definition.variableDefinitions ?? []) {
        const value = valueOf(name, v.variable.name.value, sample, today);
        if (value !== undefined) variables[v.variable.name.value] = value;
      }
      return {
        name,
        role: ROLE_OF[name] ?? 'caseworker',
        query: text,
        variables: JSON.stringify(variables, null, 2),
      };
    });
}
