/** The screening store over SQL (PGlite or PostgreSQL, the consent subgraph's sqlDatabase.ts). */
import {
  insertInChunks,
  isoInstant,
  pingDatabase,
  type SqlDatabase,
  type SqlQueryable,
} from '@hoi/storage';
import { runScreeningMigrations } from './migrations.js';
import {
  HoiCaseExistsError,
  type HoiDecisionRecord,
  type NewDecision,
  type ScreeningAuditRecord,
  type ScreeningStore,
  type ScreeningTrailEntry,
} from './ScreeningStore.js';

const DECISION_COLUMNS = `seq::float8 as seq, id, cpr, kind, reason,
  ${isoInstant('decided_at')} as "decidedAt", decided_by as "decidedBy"`;

/** Rows per audit insert: 9 parameters each stays far below PostgreSQL's 65535. */
const AUDIT_ROWS_PER_STATEMENT = 1000;

/** Serializes decisions per citizen, across connections and instances. */
async function lockCitizen(tx: SqlQueryable, cpr: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('hoi-decision:' || $1))`, [cpr]);
}

async function insertDecision(tx: SqlQueryable, d: NewDecision): Promise<HoiDecisionRecord[]> {
  return tx.query<HoiDecisionRecord>(
    `insert into hoi_decision (id, cpr, kind, reason, decided_at, decided_by)
     values ($1, $2, $3, $4, $5::timestamptz, $6)
     on conflict do nothing
     returning ${DECISION_COLUMNS}`,
    [d.id, d.cpr, d.kind, d.reason, d.decidedAt, d.decidedBy],
  );
}

async function hoiCaseOf(tx: SqlQueryable, cpr: string): Promise<HoiDecisionRecord | undefined> {
  const rows = await tx.query<HoiDecisionRecord>(
    `select ${DECISION_COLUMNS} from hoi_decision where cpr = $1 and kind = 'HOI_CASE'`,
    [cpr],
  );
  return rows[0];
}

async function insertAudit(
  db: SqlQueryable,
  records: readonly ScreeningAuditRecord[],
): Promise<void> {
  const params: unknown[] = [];
  const tuples = records.map((r) => {
    const p = (value: unknown): string => `$${params.push(value)}`;
    return `(${p(r.at)}::timestamptz, ${p(r.requestId)}, ${p(r.operationName)}, ${p(r.subject)}, ${p(r.role)},
      ${p(r.citizenRef)}, ${p([...r.areas])}::text[], ${p(JSON.stringify(r.bases))}::jsonb, ${p(r.purpose)}, ${p(r.unit)})`;
  });
  await db.query(
    `insert into screening_audit_log (at, request_id, operation_name, subject, role, citizen_ref, areas, bases, purpose, unit)
     values ${tuples.join(',\n')}`,
    params,
  );
}

/** The screening store on `db`, after bringing its schema up to date. */
export async function createSqlScreeningStore(db: SqlDatabase): Promise<ScreeningStore> {
  await runScreeningMigrations(db);
  return {
    registerHoiCase(decision) {
      return db.transaction(async (tx) => {
        await lockCitizen(tx, decision.cpr);
        const existing = await hoiCaseOf(tx, decision.cpr);
        if (existing) return { record: existing, created: false };
        const [record] = await insertDecision(tx, { ...decision, kind: 'HOI_CASE', reason: null });
        if (!record) throw new Error('HOI case insert returned no row');
        return { record, created: true };
      });
    },

    recordDecline(decision) {
      return db.transaction(async (tx) => {
        await lockCitizen(tx, decision.cpr);
        if (await hoiCaseOf(tx, decision.cpr))
          throw new HoiCaseExistsError('The citizen has an HOI case');
        const [record] = await insertDecision(tx, { ...decision, kind: 'DECLINED' });
        if (!record) throw new Error(`Decision id ${decision.id} is already used`);
        return record;
      });
    },

    async decisionsOf(cprs) {
      const byCitizen = new Map<string, HoiDecisionRecord[]>();
      if (cprs.length === 0) return byCitizen;
      const rows = await db.query<HoiDecisionRecord>(
        `select ${DECISION_COLUMNS} from hoi_decision where cpr = any($1::text[]) order by seq`,
        [[...new Set(cprs)]],
      );
      for (const row of rows) {
        const list = byCitizen.get(row.cpr);
        if (list) list.push(row);
        else byCitizen.set(row.cpr, [row]);
      }
      return byCitizen;
    },

    decisionsAfter(seq) {
      return db.query<Pick<HoiDecisionRecord, 'seq' | 'cpr'>>(
        'select seq::float8 as seq, cpr from hoi_decision where seq > $1 order by seq',
        [seq],
      );
    },

    async appendAudit(records) {
      await insertInChunks(db, records, AUDIT_ROWS_PER_STATEMENT, insertAudit);
    },

    async readAudit(filter = {}) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.requestId !== undefined)
        where.push(`request_id = $${params.push(filter.requestId)}`);
      if (filter.citizenRef !== undefined)
        where.push(`citizen_ref = $${params.push(filter.citizenRef)}`);
      return db.query<ScreeningAuditRecord>(
        `select ${isoInstant('at')} as at, request_id as "requestId", operation_name as "operationName",
           subject, role, citizen_ref as "citizenRef", areas, bases, purpose, unit
         from screening_audit_log
         ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
         order by id`,
        params,
      );
    },

    async accessTrail(citizenRef, after, limit) {
      // At one instant screening's records come first: after a consent record ('c'), none of
      // that instant's remain.
      const entries = await db.query<ScreeningTrailEntry>(
        `select id::text as id, ${isoInstant('at')} as at, role, unit, purpose, areas, bases
         from screening_audit_log
         where citizen_ref = $1
           and ($2::timestamptz is null or at < $2::timestamptz
                or (at = $2::timestamptz and $3 = 's' and id < $4::bigint))
         order by at desc, id desc
         limit $5`,
        [citizenRef, after?.at ?? null, after?.src ?? 's', after?.id ?? '0', limit],
      );
      const [count] = await db.query<{ n: number }>(
        'select count(*)::int as n from screening_audit_log where citizen_ref = $1',
        [citizenRef],
      );
      return { entries, totalCount: count?.n ?? 0 };
    },

    ping: () => pingDatabase(db),

    close: () => db.close(),
  };
}
