/** The consent subgraph's own configuration (besides the shared subgraph settings). */
import type { EnvReader } from '../../shared/src/env.js';

/** Storage and audit settings of the consent subgraph. */
export interface ConsentConfig {
  /** `DATABASE_URL`: PostgreSQL; unset → embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** `DATABASE_SCHEMA`: PostgreSQL schema for the tables. @default undefined (search_path) */
  readonly databaseSchema: string | undefined;
  /** `CONSENT_DATA_DIR`: PGlite directory. @default './data/consent' */
  readonly dataDir: string;
  /**
   * `AUDIT_PSEUDONYM_KEY`: key of the CPR pseudonyms in the audit log. Stable across restarts
   * so a data protection officer can find a citizen's records. Required in production.
   * @default a fixed development key
   */
  readonly auditPseudonymKey: string;
  /** `CONSENT_STATE_CACHE_TTL_MS`: TTL of cached consent state (kept short). @default 30000 */
  readonly consentCacheTtlMs: number;
}

/** Reads the consent subgraph's variables. */
export function readConsentConfig(r: EnvReader): ConsentConfig {
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
    dataDir: r.string('CONSENT_DATA_DIR', './data/consent'),
    auditPseudonymKey: auditPseudonymKey ?? 'hoi-development-audit-pseudonym-key-not-for-production',
    consentCacheTtlMs: r.int('CONSENT_STATE_CACHE_TTL_MS', 30_000, 1, 3_600_000),
  };
}
