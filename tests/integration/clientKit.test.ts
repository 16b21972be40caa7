/**
 * The client kit against the real gateway in trusted-operations mode (DESIGN §3b): the gateway
 * reads clients/persisted-operations.json as its TRUSTED_OPERATIONS_MANIFEST, and every kit
 * operation, sent as the kit sends it (`operationText` of the typed document, or its id alone),
 * runs with a suitable token; anything else is OPERATION_NOT_ALLOWED.
 */
import { fileURLToPath } from 'node:url';
import type { DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddAgreementDocument,
  AddSubGoalDocument,
  CitizenAccessLogDocument,
  CitizenOverviewDocument,
  CitizensOverviewDocument,
  CommentOnAgreementDocument,
  ConsentHistoryDocument,
  CreateHoiPlanDocument,
  GiveConsentDocument,
  HoiEligibilityDocument,
  HoiPlanDocument,
  MyAccessLogDocument,
  MyOverviewDocument,
  operationId,
  operationText,
  ScheduleMeetingDocument,
  ScreeningDocument,
  SetAgreementStatusDocument,
  SetPlanStatusDocument,
  SetSubGoalStatusDocument,
  TimelineDocument,
  type ResultOf,
  type VariablesOf,
  WithdrawConsentDocument,
} from '@hoi/client-kit';
import { SECTOR_AREAS } from '@hoi/domain';
import { postGraphQL, startSystem, type GraphQLResponse, type System } from '../helpers/system.js';

const MANIFEST = fileURLToPath(new URL('../../clients/persisted-operations.json', import.meta.url));

let system: System;
const tokens = {} as Record<'caseworker' | 'citizen' | 'auditor' | 'screener', string>;
let cpr: string;
/** Operations seen to run (by name), to check every kit operation was. */
const ran = new Set<string>();

/** Sends a typed document as the kit does; fails the test on any error; returns typed data. */
async function run<D extends DocumentNode>(
  document: D,
  variables: VariablesOf<D>,
  token: string,
): Promise<ResultOf<D>> {
  const res = await system.query(
    operationText(document),
    variables as Record<string, unknown>,
    token,
  );
  expect(res.errors, operationText(document).split('(')[0]).toBeUndefined();
  const definition = document.definitions[0];
  if (definition?.kind === 'OperationDefinition' && definition.name) ran.add(definition.name.value);
  return res.data as ResultOf<D>;
}

function codes(res: GraphQLResponse): unknown[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}

/** A citizen with data in several areas and no consent in the dataset. */
function citizenWithManyAreas(): string {
  for (let i = 0; i < system.dataset.size; i++) {
    const c = system.dataset.at(i);
    const areas = new Set([...c.cases, ...c.benefits, ...c.interventions].map((r) => r.area));
    if (areas.size >= 4 && c.consents.length === 0) return c.cpr;
  }
  throw new Error('no such citizen');
}

beforeAll(async () => {
  system = await startSystem({
    citizens: 500,
    gatewayEnv: { TRUSTED_OPERATIONS: 'required', TRUSTED_OPERATIONS_MANIFEST: MANIFEST },
  });
  cpr = citizenWithManyAreas();
  tokens.caseworker = await system.token({
    role: 'caseworker',
    sub: 'cw-kit',
    areas: [...SECTOR_AREAS],
    org: 'Jobcenter Nord',
  });
  tokens.citizen = await system.token({ role: 'citizen', sub: cpr });
  tokens.auditor = await system.token({ role: 'auditor', sub: 'dpo-kit' });
  tokens.screener = await system.token({ role: 'screener', sub: 'screener-kit' });
});

afterAll(async () => {
  await system?.stop();
});

describe('the client kit with TRUSTED_OPERATIONS=required', () => {
  it('runs every kit operation, typed, with a suitable caller', async () => {
    const overview = await run(CitizenOverviewDocument, { cpr }, tokens.caseworker);
    expect(overview.citizen.cpr).toBe(cpr);
    expect(overview.citizen.access.map((a) => a.basis)).toEqual(
      SECTOR_AREAS.map(() => 'OWN_AUTHORITY'),
    );
    const many = await run(CitizensOverviewDocument, { cprs: [cpr] }, tokens.caseworker);
    expect(many.citizens.map((c) => c.cpr)).toEqual([cpr]);
    await run(HoiEligibilityDocument, { cpr }, tokens.caseworker);

    const given = await run(
      GiveConsentDocument,
      { cpr, areas: [...SECTOR_AREAS], validUntil: '2099-12-31' },
      tokens.caseworker,
    );
    expect(given.giveConsent).toMatchObject({
      status: 'ACTIVE',
      channel: 'RECORDED_BY_CASEWORKER',
      givenBy: { role: 'caseworker', unit: 'Jobcenter Nord' },
    });

    let plan = (
      await run(CreateHoiPlanDocument, { cpr, overallGoal: 'Komme i job' }, tokens.caseworker)
    ).createHoiPlan;
    const planId = plan.id;
    plan = (
      await run(
        AddSubGoalDocument,
        {
          planId,
          expectedVersion: plan.version,
          area: 'EMPLOYMENT',
          text: 'Afklare jobmål',
          targetDate: '2026-12-15',
        },
        tokens.caseworker,
      )
    ).addSubGoal;
    plan = (
      await run(
        SetSubGoalStatusDocument,
        {
          planId,
          expectedVersion: plan.version,
          subGoalId: plan.subGoals[0]!.id,
          status: 'IN_PROGRESS',
        },
        tokens.caseworker,
      )
    ).setSubGoalStatus;
    plan = (
      await run(
        AddAgreementDocument,
        {
          planId,
          expectedVersion: plan.version,
          area: 'HEALTH',
          text: 'Genoptræning to gange om ugen',
        },
        tokens.caseworker,
      )
    ).addAgreement;
    const agreementId = plan.agreements[0]!.id;
    plan = (
      await run(
        CommentOnAgreementDocument,
        { planId, expectedVersion: plan.version, agreementId, comment: 'Det passer mig fint' },
        tokens.citizen,
      )
    ).commentOnAgreement;
    plan = (
      await run(
        SetAgreementStatusDocument,
        { planId, expectedVersion: plan.version, agreementId, status: 'DONE' },
        tokens.caseworker,
      )
    ).setAgreementStatus;
    plan = (
      await run(
        ScheduleMeetingDocument,
        {
          planId,
          expectedVersion: plan.version,
          area: 'EMPLOYMENT',
          title: 'Opfølgning',
          start: '2026-12-01T09:00:00+01:00',
          end: '2026-12-01T10:00:00+01:00',
        },
        tokens.caseworker,
      )
    ).scheduleMeeting;
    plan = (
      await run(
        SetPlanStatusDocument,
        { planId, expectedVersion: plan.version, status: 'ACTIVE' },
        tokens.caseworker,
      )
    ).setPlanStatus;
    expect(plan).toMatchObject({ status: 'ACTIVE', version: 8 });

    const read = await run(HoiPlanDocument, { cpr }, tokens.caseworker);
    expect(read.citizen.hoiPlan?.agreements[0]).toMatchObject({
      status: 'DONE',
      citizenComment: 'Det passer mig fint',
    });
    const timeline = await run(
      TimelineDocument,
      { cpr, from: '2026-12-01', to: '2026-12-31' },
      tokens.caseworker,
    );
    expect(timeline.citizen.timeline.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['SUB_GOAL', 'MEETING']),
    );

    const me = await run(MyOverviewDocument, {}, tokens.citizen);
    expect(me.me.cpr).toBe(cpr);
    const myLog = await run(MyAccessLogDocument, { first: 5 }, tokens.citizen);
    expect(myLog.me.accessLog.totalCount).toBeGreaterThan(0);
    const log = await run(CitizenAccessLogDocument, { cpr, first: 5 }, tokens.auditor);
    expect(log.citizen.accessLog.edges[0]?.node.actor.role).toBeTruthy();
    const page = await run(ScreeningDocument, { group: 'MANDATORY', first: 3 }, tokens.screener);
    expect(page.screening.edges.length).toBeLessThanOrEqual(3);

    const withdrawn = await run(WithdrawConsentDocument, { cpr }, tokens.caseworker);
    expect(withdrawn.withdrawConsent.status).toBe('WITHDRAWN');
    const history = await run(ConsentHistoryDocument, { cpr }, tokens.caseworker);
    expect(history.citizen.consentHistory.map((c) => c.status)).toEqual(['WITHDRAWN']);

    // Every operation of the kit ran (the manifest lists exactly the kit's operations).
    expect(ran.size).toBe(20);
  });

  it('runs a kit operation sent by its persisted id alone', async () => {
    const res = await postGraphQL(
      system.url,
      {
        variables: { cpr },
        extensions: {
          persistedQuery: { version: 1, sha256Hash: await operationId(CitizenOverviewDocument) },
        },
      },
      { authorization: `Bearer ${tokens.caseworker}` },
    );
    expect(res.errors).toBeUndefined();
    expect((res.data?.citizen as { cpr: string }).cpr).toBe(cpr);
  });

  it('refuses an operation that is not in the manifest with OPERATION_NOT_ALLOWED', async () => {
    const res = await system.query(
      'query Other($cpr: CPR!) { citizen(cpr: $cpr) { cpr } }',
      { cpr },
      tokens.caseworker,
    );
    expect(res.status).toBe(403);
    expect(codes(res)).toEqual(['OPERATION_NOT_ALLOWED']);
    // The kit's text with one field fewer is another document.
    const trimmed = operationText(CitizenOverviewDocument).replace('    kle\n', '');
    expect(codes(await system.query(trimmed, { cpr }, tokens.caseworker))).toEqual([
      'OPERATION_NOT_ALLOWED',
    ]);
  });
});
