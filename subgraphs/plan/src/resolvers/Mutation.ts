/**
 * Plan writes (DESIGN §3a). Each one: who may (own authority in the element's area; the
 * citizen for comments), input checked, the citizen opened at the consent subgraph (which
 * audits it before anything is written and says what the caller may see), then one
 * optimistic-concurrency write. The answer is the plan as committed, with the caller's
 * visible elements only.
 */
import { randomUUID } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import {
  alreadyExists,
  failedPrecondition,
  meetingRange,
  notFound,
  planText,
  serviceUnavailable,
  visiblePlan,
  type PlanRecord,
  type SectorArea,
} from '@hoi/domain';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import {
  requireCitizen,
  requireOwnAuthority,
  requireOwnPlan,
  requirePlanCaseworker,
} from '../access.js';
import type { PlanContext } from '../context.js';
import type { NewPlanElement, PlanChange } from '../store/PlanStore.js';

/** The plan a write names, or NOT_FOUND. */
async function planById(ctx: PlanContext, planId: string): Promise<PlanRecord> {
  const plan = await ctx.deps.store.byId(planId);
  if (!plan) throw notFound('No HOI plan has this id');
  return plan;
}

/**
 * Opens the plan's citizen for this write (audited at the consent subgraph), then writes and
 * answers the committed plan as far as the caller may see it.
 */
async function write(
  ctx: PlanContext,
  info: GraphQLResolveInfo,
  plan: PlanRecord,
  expectedVersion: number,
  decide: (current: PlanRecord) => PlanChange,
): Promise<PlanRecord> {
  const { visible } = await ctx.deps.consentGate(plan.cpr, ctx.access, purposeOf(info));
  const written = await ctx.deps.store.write(
    plan.id,
    expectedVersion,
    ctx.now.toISOString(),
    decide,
  );
  return visiblePlan(written, visible);
}

/** The access log's purpose of a plan write: its mutation, e.g. PLAN_ADD_SUB_GOAL. */
function purposeOf(info: GraphQLResolveInfo): string {
  return `PLAN_${info.fieldName.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** The element of `plan` with this id, re-checked inside the write (it is never deleted). */
function elementOf<T extends { readonly id: string }>(
  list: readonly T[],
  id: string,
  what: string,
): T {
  const found = list.find((e) => e.id === id);
  if (!found) throw notFound(`The plan has no ${what} with this id`);
  return found;
}

/** Adds a new element (its area's authority already checked). */
async function addElement(
  ctx: PlanContext,
  info: GraphQLResolveInfo,
  planId: string,
  expectedVersion: number,
  element: NewPlanElement,
): Promise<PlanRecord> {
  return write(ctx, info, await planById(ctx, planId), expectedVersion, () => ({
    kind: 'addElement',
    element,
  }));
}

/**
 * The plan holding the sub-goal or agreement to be changed, once the caller is known to have
 * own authority in that element's area.
 */
async function elementPlan(
  ctx: PlanContext,
  planId: string,
  list: 'subGoals' | 'agreements',
  id: string,
  what: string,
): Promise<PlanRecord> {
  requirePlanCaseworker(ctx, `Changing a ${what}`);
  const plan = await planById(ctx, planId);
  const elements: readonly { readonly id: string; readonly area: SectorArea }[] = plan[list];
  requireOwnAuthority(ctx, elementOf(elements, id, what).area, `Changing a ${what}`);
  return plan;
}

/** Resolvers of `Mutation`. */
export const Mutation: MutationResolvers<PlanContext> = {
  createHoiPlan: async (_root, { cpr, overallGoal }, ctx, info) => {
    requirePlanCaseworker(ctx, 'Creating an HOI plan');
    const goal = planText(overallGoal, 'overallGoal');
    const { visible, activeConsent } = await ctx.deps.consentGate(cpr, ctx.access, purposeOf(info));
    // After the gate: whether a plan exists is the citizen's data, read only once audited.
    if (await ctx.plans.load(cpr)) throw alreadyExists('The citizen has an HOI plan already');
    if (activeConsent === null) throw serviceUnavailable('consent register');
    if (!activeConsent) {
      throw failedPrecondition('An HOI plan needs an ACTIVE consent of the citizen');
    }
    const created = await ctx.deps.store.create({
      id: randomUUID(),
      cpr,
      status: 'DRAFT',
      overallGoal: goal,
      createdAt: ctx.now.toISOString(),
    });
    if (!created) throw alreadyExists('The citizen has an HOI plan already');
    return visiblePlan(created, visible);
  },

  addSubGoal: (_root, { planId, expectedVersion, area, text, targetDate }, ctx, info) => {
    requireOwnAuthority(ctx, area, 'Adding a sub-goal');
    return addElement(ctx, info, planId, expectedVersion, {
      kind: 'SUB_GOAL',
      id: randomUUID(),
      area,
      text: planText(text, 'text'),
      targetDate: targetDate ?? null,
      status: 'NOT_STARTED',
      createdAt: ctx.now.toISOString(),
    });
  },

  setSubGoalStatus: async (_root, { planId, expectedVersion, subGoalId, status }, ctx, info) => {
    const plan = await elementPlan(ctx, planId, 'subGoals', subGoalId, 'sub-goal');
    return write(ctx, info, plan, expectedVersion, (current) => {
      elementOf(current.subGoals, subGoalId, 'sub-goal');
      return { kind: 'setSubGoalStatus', id: subGoalId, status };
    });
  },

  addAgreement: (_root, { planId, expectedVersion, area, text, dueDate }, ctx, info) => {
    requireOwnAuthority(ctx, area, 'Adding an agreement');
    return addElement(ctx, info, planId, expectedVersion, {
      kind: 'AGREEMENT',
      id: randomUUID(),
      area,
      text: planText(text, 'text'),
      dueDate: dueDate ?? null,
      status: 'OPEN',
      citizenComment: null,
      createdAt: ctx.now.toISOString(),
    });
  },

  setAgreementStatus: async (
    _root,
    { planId, expectedVersion, agreementId, status },
    ctx,
    info,
  ) => {
    const plan = await elementPlan(ctx, planId, 'agreements', agreementId, 'agreement');
    return write(ctx, info, plan, expectedVersion, (current) => {
      elementOf(current.agreements, agreementId, 'agreement');
      return { kind: 'setAgreementStatus', id: agreementId, status };
    });
  },

  scheduleMeeting: (_root, { planId, expectedVersion, area, title, start, end }, ctx, info) => {
    requireOwnAuthority(ctx, area, 'Scheduling a meeting');
    return addElement(ctx, info, planId, expectedVersion, {
      kind: 'MEETING',
      id: randomUUID(),
      area,
      title: planText(title, 'title'),
      ...meetingRange(start, end),
      createdAt: ctx.now.toISOString(),
    });
  },

  commentOnAgreement: async (
    _root,
    { planId, expectedVersion, agreementId, comment },
    ctx,
    info,
  ) => {
    requireCitizen(ctx, 'Commenting on an agreement');
    const text = planText(comment, 'comment');
    const plan = await planById(ctx, planId);
    requireOwnPlan(ctx, plan.cpr);
    elementOf(plan.agreements, agreementId, 'agreement');
    return write(ctx, info, plan, expectedVersion, (current) => {
      elementOf(current.agreements, agreementId, 'agreement');
      return { kind: 'comment', id: agreementId, comment: text };
    });
  },

  setPlanStatus: async (_root, { planId, expectedVersion, status }, ctx, info) => {
    requirePlanCaseworker(ctx, 'Changing a plan’s status');
    const plan = await planById(ctx, planId);
    return write(ctx, info, plan, expectedVersion, (current) => {
      if (status === 'DRAFT' && current.status !== 'DRAFT') {
        throw failedPrecondition('A plan in use cannot go back to DRAFT');
      }
      return { kind: 'setPlanStatus', status };
    });
  },
};
