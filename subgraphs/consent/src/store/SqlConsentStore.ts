/**
 * The consent store over SQL (PGlite or PostgreSQL, see sqlDatabase.ts). One row per
 * materialized citizen in `consent_citizen` is the lock every write for that citizen takes.
 * The outbox of consent events lives in the same database (notifications/SqlConsentOutbox.ts).
 */
import type { ConsentRecord, SectorArea } from '@hoi/domain';
import type { AuditRecord, ConsentChange, ConsentStore } from './ConsentStore.js';
import {
  insertInChunks,
  isoDate,
  isoInstant,
  pingDatabase,
  type SqlDatabase,
  type SqlQueryable,
} from '@hoi/storage';
import { runConsentMigrations } from './migrations.js';
import { appendConsentEvents, createSqlConsentOutbox } from '../notifications/SqlConsentOutbox.js';

/** A consent row as selected by CONSENT_COLUMNS. */
interface ConsentRow {
  readonly id: string;
  readonly cpr: string;
  readonly status: 'ACTIVE' | 'WITHDRAWN';
  readonly areas: SectorArea[];
  readonly givenAt: string;
  readonly validUntil: string;
  readonly withdrawnAt: string | null;
  readonly channel: ConsentRecord['channel'];
  readonly givenByRole: string;
  readonly givenByUnit: string | null;
  readonly withdrawnByRole: string | null;
  readonly withdrawnByUnit: string | null;
}

const CONSENT_COLUMNS = `c.id, c.cpr, c.status, c.areas,
  ${isoInstant('c.given_at')} as "givenAt",
  ${isoDate('c.valid_until')} as "validUntil",
  ${isoInstant('c.withdrawn_at')} as "withdrawnAt",
  c.channel, c.given_by_role as "givenByRole", c.given_by_unit as "givenByUnit",
  c.withdrawn_by_role as "withdrawnByRole", c.withdrawn_by_unit as "withdrawnByUnit"`;

/** A row of the historyMany join: consent columns are null for a citizen without consents. */
type HistoryRow = { readonly citizen: string } & {
  readonly [K in keyof ConsentRow]: ConsentRow[K] | null;
};

/**
 * Rows per audit insert: 11 parameters each keeps a statement far below PostgreSQL's limit of
 * 65535 bind parameters.
 */
const AUDIT_ROWS_PER_STATEMENT = 1000;

function toRecord(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    cpr: row.cpr,
    status: row.status,
    areas: row.areas,
    givenAt: row.givenAt,
    validUntil: row.validUntil,
    withdrawnAt: row.withdrawnAt,
    channel: row.channel,
    givenBy: { role: row.givenByRole, unit: row.givenByUnit },
    withdrawnBy:
      row.withdrawnByRole === null
        ? null
        : { role: row.withdrawnByRole, unit: row.withdrawnByUnit },
  };
}

/**
 * Inserts or updates consents by id, all for `cpr`. A record of another citizen, or an id
 * already owned by another citizen, is refused: it would silently move or corrupt someone
 * else's history.
 */
async function upsertConsents(
  tx: SqlQueryable,
  cpr: string,
  records: readonly ConsentRecord[],
): Promise<void> {
  for (const r of records) {
    if (r.cpr !== cpr)
      throw new Error(`Consent ${r.id} belongs to another citizen than the one written`);
    // Explicit casts so both drivers bind text values the same way.
    const written = await tx.query<{ id: string }>(
      `insert into consent (id, cpr, status, areas, given_at, valid_until, withdrawn_at,
         channel, given_by_role, given_by_unit, withdrawn_by_role, withdrawn_by_unit)
       values ($1, $2, $3, $4::text[], $5::timestamptz, $6::date, $7::timestamptz,
         $8, $9, $10, $11, $12)
       on conflict (id) do update set
         status = excluded.status,
         areas = excluded.areas,
         given_at = excluded.given_at,
         valid_until = excluded.valid_until,
         withdrawn_at = excluded.withdrawn_at,
         channel = excluded.channel,
         given_by_role = excluded.given_by_role,
         given_by_unit = excluded.given_by_unit,
         withdrawn_by_role = excluded.withdrawn_by_role,
         withdrawn_by_unit = excluded.withdrawn_by_unit
       where consent.cpr = excluded.cpr
       returning id`,
      [
        r.id,
        r.cpr,
        r.status,
        [...r.areas],
        r.givenAt,
        r.validUntil,
        r.withdrawnAt,
        r.channel,
        r.givenBy.role,
        r.givenBy.unit,
        r.withdrawnBy?.role ?? null,
        r.withdrawnBy?.unit ?? null,
      ],
    );
    if (written.length === 0)
      throw new Error(`Consent id ${r.id} is already used by another citizen`);
  }
}

async function loadConsent(tx: SqlQueryable, id: string): Promise<ConsentRecord | null> {
  const [row] = await tx.query<ConsentRow>(
    `select ${CONSENT_COLUMNS} from consent c where c.id = $1`,
    [id],
  );
  return row ? toRecord(row) : null;
}

async function loadHistory(tx: SqlQueryable, cpr: string): Promise<ConsentRecord[]> {
  const rows = await tx.query<ConsentRow>(
    `select ${CONSENT_COLUMNS} from consent c where c.cpr = $1 order by c.given_at, c.id`,
    [cpr],
  );
  return rows.map(toRecord);
}

/** Multi-row insert of one batch of audit records, in one statement. */
async function insertAudit(db: SqlQueryable, records: readonly AuditRecord[]): Promise<void> {
  const params: unknown[] = [];
  const tuples = records.map((r) => {
    const p = (value: unknown): string => `$${params.push(value)}`;
    return `(${p(r.at)}::timestamptz, ${p(r.requestId)}, ${p(r.operationName)}, ${p(r.subject)}, ${p(r.role)},
      ${p(r.unit)}, ${p(r.kind)}, ${p(r.purpose)},
      ${p(r.citizenRef)}, ${p([...r.areas])}::text[], ${p(JSON.stringify(r.bases))}::jsonb)`;
  });
  await db.query(
    `insert into audit_log (at, request_id, operation_name, subject, role, unit, kind, purpose, citizen_ref, areas, bases)
     values ${tuples.join(',\n')}`,
    params,
  );
}

/** The consent store on `db`, after bringing its schema up to date. */
export async function createSqlConsentStore(db: SqlDatabase): Promise<ConsentStore> {
  await runConsentMigrations(db);
  const outbox = createSqlConsentOutbox(db, loadConsent);
  // With a database only this process writes (embedded PGlite), the citizens that may have a
  // stored history are known here: a read of any other citizen (most reads: few have
  // written consent) needs no query, which in PGlite costs ~1 ms of CPU. With PostgreSQL
  // other instances write too, so every read asks the database.
  const stored = db.exclusive
    ? new Set(
        (await db.query<{ cpr: string }>('select cpr from consent_citizen')).map((r) => r.cpr),
      )
    : null;

  return {
    outbox,

    async historyMany(cprs) {
      const histories = new Map<string, ConsentRecord[]>();
      const asked = [...new Set(cprs)].filter((cpr) => !stored || stored.has(cpr));
      if (asked.length === 0) return histories;
      // Left join from the citizen table: a materialized citizen without consents (e.g. an
      // empty seed) still has a stored history, the empty one, and must not fall back to seed.
      const rows = await db.query<HistoryRow>(
        `select cc.cpr as citizen, ${CONSENT_COLUMNS}
         from consent_citizen cc left join consent c on c.cpr = cc.cpr
         where cc.cpr = any($1::text[])
         order by cc.cpr, c.given_at, c.id`,
        [asked],
      );
      for (const row of rows) {
        let history = histories.get(row.citizen);
        if (!history) histories.set(row.citizen, (history = []));
        if (row.id !== null) history.push(toRecord(row as ConsentRow));
      }
      return histories;
    },

    async update<R>(
      cpr: string,
      seed: readonly ConsentRecord[],
      decide: (history: readonly ConsentRecord[]) => ConsentChange<R>,
    ): Promise<R> {
      let appended = 0;
      // Before the write, not after its commit: the index may hold a citizen with nothing
      // stored (a rolled-back write just reads the store), never miss one with a history.
      stored?.add(cpr);
      const result = await db.transaction(async (tx) => {
        // A concurrent first write for the same citizen blocks on this insert until the other
        // commits (then inserts nothing) or rolls back (then this one creates the row).
        const created = await tx.query<{ cpr: string }>(
          `insert into consent_citizen (cpr, version) values ($1, 0)
           on conflict (cpr) do nothing returning cpr`,
          [cpr],
        );
        // The row lock serializes writers per citizen: each decides on the history the
        // previous one committed (read committed takes a fresh snapshot per statement).
        const locked = await tx.query<{ version: number }>(
          'select version from consent_citizen where cpr = $1 for update',
          [cpr],
        );
        const version = locked[0]?.version;
        if (version === undefined)
          throw new Error('Consent citizen row vanished inside its transaction');
        if (created.length > 0) await upsertConsents(tx, cpr, seed);

        const history = await loadHistory(tx, cpr);
        // A throw here propagates out of the transaction, which rolls back the seed too.
        const change = decide(history);
        // The events first: a failing upsert after them rolls them back too (nothing is
        // announced that was not written).
        appended = await appendConsentEvents(tx, cpr, change.events ?? []);
        await upsertConsents(tx, cpr, change.upserts);
        await tx.query('update consent_citizen set version = $2 where cpr = $1', [
          cpr,
          version + 1,
        ]);
        return change.result;
      });
      // Committed: the dispatcher may send them now.
      if (appended > 0) outbox.appended();
      return result;
    },

    async appendAudit(records) {
      await insertInChunks(db, records, AUDIT_ROWS_PER_STATEMENT, insertAudit);
    },

    async accessLog(citizenRef, after, limit) {
      // After a position: older, or as old and (the position is screening's, which comes
      // first at one instant, or) a smaller id.
      const rows = await db.query<AuditRecord & { id: string }>(
        `select id::text as id, ${isoInstant('at')} as at, role, unit, kind, purpose, areas, bases
         from audit_log
         where citizen_ref = $1
           and ($2::timestamptz is null or at < $2::timestamptz
                or (at = $2::timestamptz and ($3 = 's' or id < $4::bigint)))
         order by at desc, id desc
         limit $5`,
        [citizenRef, after?.at ?? null, after?.src ?? 'c', after?.id ?? '0', limit],
      );
      const [count] = await db.query<{ n: number }>(
        'select count(*)::int as n from audit_log where citizen_ref = $1',
        [citizenRef],
      );
      return {
        entries: rows.map((r) => ({
          position: { at: r.at, src: 'c' as const, id: r.id },
          role: r.role,
          unit: r.unit,
          kind: r.kind,
          purpose: r.purpose,
          areas: r.areas,
          basis: r.areas.map((a) => r.bases[a] ?? 'NONE'),
        })),
        totalCount: count?.n ?? 0,
      };
    },

    async readAudit(filter = {}) {
      const params: unknown[] = [];
      const where: string[] = [];
      if (filter.requestId !== undefined)
        where.push(`request_id = $${params.push(filter.requestId)}`);
      if (filter.citizenRef !== undefined)
        where.push(`citizen_ref = $${params.push(filter.citizenRef)}`);
      const rows = await db.query<AuditRecord>(
        `select ${isoInstant('at')} as at, request_id as "requestId", operation_name as "operationName",
           subject, role, unit, kind, purpose, citizen_ref as "citizenRef", areas, bases
         from audit_log
         ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
         order by id`,
        params,
      );
      return rows;
    },

    ping: () => pingDatabase(db),

    close: () => db.close(),
  };
}
