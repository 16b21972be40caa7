/** The screening subgraph's own configuration (besides the shared subgraph settings). */
import type { EnvReader } from '../../shared/src/env.js';

/** Storage, audit and refresh settings of the screening subgraph. */
export interface ScreeningConfig {
  /** `DATABASE_URL`: PostgreSQL (shared with the consent subgraph); unset → PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** `DATABASE_SCHEMA`: PostgreSQL schema for the tables. @default undefined (search_path) */
  readonly databaseSchema: string | undefined;
  /** `SCREENING_DATA_DIR`: PGlite directory. @default './data/screening' */
  readonly dataDir: string;
  /**
   * `AUDIT_PSEUDONYM_KEY`: key of the CPR pseudonyms in the audit log; the consent subgraph's,
   * so both logs name a citizen alike. Required in production. @default a fixed development key
   */
  readonly auditPseudonymKey: string;
  /**
   * `SCREENING_REFRESH_MINUTES`: minutes between bulk reads of the sources; 0 reads once at
   * start. Source data in screening lists is at most this old (plus one read's duration).
   * @default 60
   */
  readonly refreshMinutes: number;
}

/** Reads the screening subgraph's variables. */
export function readScreeningConfig(r: EnvReader): ScreeningConfig {
  const production = r.string('NODE_ENV', 'development') === 'production';
  const auditPseudonymKey = r.secret('AUDIT_PSEUDONYM_KEY', 32);
  if (production && !auditPseudonymKey) {
    r.problem('AUDIT_PSEUDONYM_KEY must be set in production (at least 32 characters)');
  }
  const databaseSchema = r.optionalString('DATABASE_SCHEMA');
  if (databaseSchema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(databaseSchema)) {
    r.problem(`DATABASE_SCHEMA must be a lower-case SQL identifier, got "${databaseSchema}"`);
  }
  return {
    databaseUrl: r.url('DATABASE_URL'),
    databaseSchema,
    dataDir: r.string('SCREENING_DATA_DIR', './data/screening'),
    // The consent subgraph's development default, so pseudonyms agree across both logs.
    auditPseudonymKey: auditPseudonymKey ?? 'hoi-development-audit-pseudonym-key-not-for-production',
    refreshMinutes: r.int('SCREENING_REFRESH_MINUTES', 60, 0, 10_080),
  };
}
