/**
 * The plan store over SQL (PGlite or PostgreSQL). A write locks the plan's row, checks the
 * version and applies its change in one transaction: concurrent writers with the same
 * expectedVersion are serialized on the row, and every one but the first finds the version
 * moved on and writes nothing.
 */
import {
  failedPrecondition,
  notFound,
  versionConflict,
  type AgreementRecord,
  type MeetingRecord,
  type PlanRecord,
  type PlanStatus,
  type SectorArea,
  type SubGoalRecord,
} from '@hoi/domain';
import {
  isoDate,
  isoInstant,
  pingDatabase,
  type SqlDatabase,
  type SqlQueryable,
} from '@hoi/storage';
import { runPlanMigrations } from './migrations.js';
import type { NewPlanElement, PlanChange, PlanStore } from './PlanStore.js';

/** A plan's own row: the plan without its elements. */
type PlanRow = Omit<PlanRecord, 'subGoals' | 'agreements' | 'meetings'>;

interface ElementRow {
  readonly id: string;
  readonly planId: string;
  readonly kind: NewPlanElement['kind'];
  readonly area: SectorArea;
  readonly text: string;
  readonly status: string;
  readonly dueDate: string | null;
  readonly startAt: string | null;
  readonly endAt: string | null;
  readonly citizenComment: string | null;
  readonly createdAt: string;
}

const PLAN_COLUMNS = `p.id, p.cpr, p.status, p.version, p.overall_goal as "overallGoal",
  ${isoInstant('p.created_at')} as "createdAt", ${isoInstant('p.revised_at')} as "revisedAt"`;

const ELEMENT_COLUMNS = `e.id, e.plan_id as "planId", e.kind, e.area, e.text, e.status,
  ${isoDate('e.due_date')} as "dueDate", ${isoInstant('e.start_at')} as "startAt",
  ${isoInstant('e.end_at')} as "endAt", e.citizen_comment as "citizenComment",
  ${isoInstant('e.created_at')} as "createdAt"`;

/** Rows per element insert: 11 parameters each stays far below PostgreSQL's 65535. */
const ELEMENT_ROWS_PER_STATEMENT = 1000;

/** Assembles plans from their rows; elements in the order they were added. */
function assemble(plans: readonly PlanRow[], elements: readonly ElementRow[]): PlanRecord[] {
  const byPlan = new Map<string, ElementRow[]>();
  for (const e of elements) {
    const list = byPlan.get(e.planId);
    if (list) list.push(e);
    else byPlan.set(e.planId, [e]);
  }
  return plans.map((p) => {
    const subGoals: SubGoalRecord[] = [];
    const agreements: AgreementRecord[] = [];
    const meetings: MeetingRecord[] = [];
    for (const e of byPlan.get(p.id) ?? []) {
      const base = { id: e.id, area: e.area, createdAt: e.createdAt };
      if (e.kind === 'SUB_GOAL') {
        subGoals.push({
          ...base,
          text: e.text,
          targetDate: e.dueDate,
          status: e.status as SubGoalRecord['status'],
        });
      } else if (e.kind === 'AGREEMENT') {
        agreements.push({
          ...base,
          text: e.text,
          dueDate: e.dueDate,
          status: e.status as AgreementRecord['status'],
          citizenComment: e.citizenComment,
        });
      } else {
        meetings.push({ ...base, title: e.text, start: e.startAt ?? '', end: e.endAt ?? '' });
      }
    }
    return { ...p, subGoals, agreements, meetings };
  });
}

async function loadPlans(db: SqlQueryable, where: string, param: unknown): Promise<PlanRecord[]> {
  const plans = await db.query<PlanRow>(`select ${PLAN_COLUMNS} from hoi_plan p where ${where}`, [
    param,
  ]);
  if (plans.length === 0) return [];
  const elements = await db.query<ElementRow>(
    `select ${ELEMENT_COLUMNS} from hoi_plan_element e
     where e.plan_id = any($1::text[]) order by e.created_at, e.id`,
    [plans.map((p) => p.id)],
  );
  return assemble(plans, elements);
}

/** The row of a new element. */
function elementRow(planId: string, e: NewPlanElement): ElementRow {
  const base = { id: e.id, planId, kind: e.kind, area: e.area, createdAt: e.createdAt };
  switch (e.kind) {
    case 'SUB_GOAL':
      return {
        ...base,
        text: e.text,
        status: e.status,
        dueDate: e.targetDate,
        startAt: null,
        endAt: null,
        citizenComment: null,
      };
    case 'AGREEMENT':
      return {
        ...base,
        text: e.text,
        status: e.status,
        dueDate: e.dueDate,
        startAt: null,
        endAt: null,
        citizenComment: e.citizenComment,
      };
    case 'MEETING':
      return {
        ...base,
        text: e.title,
        status: 'SCHEDULED',
        dueDate: null,
        startAt: e.start,
        endAt: e.end,
        citizenComment: null,
      };
  }
}

/** Multi-row insert of elements, in one statement. */
async function insertElements(db: SqlQueryable, rows: readonly ElementRow[]): Promise<void> {
  const params: unknown[] = [];
  const p = (value: unknown): string => `$${params.push(value)}`;
  const tuples = rows.map(
    (r) =>
      `(${p(r.id)}, ${p(r.planId)}, ${p(r.kind)}, ${p(r.area)}, ${p(r.text)}, ${p(r.status)},
        ${p(r.dueDate)}::date, ${p(r.startAt)}::timestamptz, ${p(r.endAt)}::timestamptz,
        ${p(r.citizenComment)}, ${p(r.createdAt)}::timestamptz)`,
  );
  await db.query(
    `insert into hoi_plan_element
       (id, plan_id, kind, area, text, status, due_date, start_at, end_at, citizen_comment, created_at)
     values ${tuples.join(',\n')}`,
    params,
  );
}

/** Applies one decided change inside the write's transaction. */
async function apply(tx: SqlQueryable, plan: PlanRecord, change: PlanChange): Promise<PlanStatus> {
  switch (change.kind) {
    case 'addElement':
      await insertElements(tx, [elementRow(plan.id, change.element)]);
      return plan.status;
    case 'setSubGoalStatus':
    case 'setAgreementStatus':
      await tx.query('update hoi_plan_element set status = $3 where id = $1 and plan_id = $2', [
        change.id,
        plan.id,
        change.status,
      ]);
      return plan.status;
    case 'comment':
      await tx.query(
        'update hoi_plan_element set citizen_comment = $3 where id = $1 and plan_id = $2',
        [change.id, plan.id, change.comment],
      );
      return plan.status;
    case 'setPlanStatus':
      return change.status;
  }
}

/** The plan store on `db`, after bringing its schema up to date. */
export async function createSqlPlanStore(db: SqlDatabase): Promise<PlanStore> {
  await runPlanMigrations(db);
  return {
    async byCitizens(cprs) {
      const plans = await loadPlans(db, 'p.cpr = any($1::text[])', [...new Set(cprs)]);
      return new Map(plans.map((p) => [p.cpr, p]));
    },

    async byId(id) {
      return (await loadPlans(db, 'p.id = $1', id))[0] ?? null;
    },

    async create(plan) {
      const created = await db.query<{ id: string }>(
        `insert into hoi_plan (id, cpr, status, version, overall_goal, created_at)
         values ($1, $2, $3, 1, $4, $5::timestamptz)
         on conflict (cpr) do nothing returning id`,
        [plan.id, plan.cpr, plan.status, plan.overallGoal, plan.createdAt],
      );
      if (created.length === 0) return null;
      return (await loadPlans(db, 'p.id = $1', plan.id))[0] ?? null;
    },

    write(planId, expectedVersion, at, decide) {
      return db.transaction(async (tx) => {
        // The row lock serializes writers of one plan; each sees what the previous committed.
        const locked = await tx.query<{ id: string }>(
          'select id from hoi_plan where id = $1 for update',
          [planId],
        );
        if (locked.length === 0) throw notFound('No HOI plan has this id');
        const plan = (await loadPlans(tx, 'p.id = $1', planId))[0];
        if (!plan) throw notFound('No HOI plan has this id');
        if (plan.status === 'CLOSED')
          throw failedPrecondition('The plan is closed: it takes no more writes');
        if (plan.version !== expectedVersion) throw versionConflict(expectedVersion, plan.version);
        // A throw from decide rolls the transaction back: nothing is written.
        const status = await apply(tx, plan, decide(plan));
        await tx.query(
          `update hoi_plan set version = version + 1, revised_at = $2::timestamptz, status = $3
           where id = $1`,
          [planId, at, status],
        );
        const written = (await loadPlans(tx, 'p.id = $1', planId))[0];
        if (!written) throw new Error('A plan vanished inside its own write');
        return written;
      });
    },

    async seed(name, plans) {
      return db.transaction(async (tx) => {
        const first = await tx.query<{ name: string }>(
          `insert into hoi_plan_seed (name, seeded_at) values ($1, now())
           on conflict (name) do nothing returning name`,
          [name],
        );
        if (first.length === 0) return 0;
        let stored = 0;
        const elements: ElementRow[] = [];
        for (const plan of plans()) {
          const created = await tx.query<{ id: string }>(
            `insert into hoi_plan (id, cpr, status, version, overall_goal, created_at, revised_at)
             values ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz)
             on conflict (cpr) do nothing returning id`,
            [
              plan.id,
              plan.cpr,
              plan.status,
              plan.version,
              plan.overallGoal,
              plan.createdAt,
              plan.revisedAt,
            ],
          );
          if (created.length === 0) continue;
          stored += 1;
          elements.push(
            ...plan.subGoals.map((g) => elementRow(plan.id, { kind: 'SUB_GOAL', ...g })),
            ...plan.agreements.map((a) => elementRow(plan.id, { kind: 'AGREEMENT', ...a })),
            ...plan.meetings.map((m) => elementRow(plan.id, { kind: 'MEETING', ...m })),
          );
        }
        for (let i = 0; i < elements.length; i += ELEMENT_ROWS_PER_STATEMENT)
          await insertElements(tx, elements.slice(i, i + ELEMENT_ROWS_PER_STATEMENT));
        return stored;
      });
    },

    ping: () => pingDatabase(db),
    close: () => db.close(),
  };
}
