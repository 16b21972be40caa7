/**
 * Durable storage and audit settings shared by the subgraphs that keep records (consent,
 * screening): PostgreSQL when DATABASE_URL is set, else an embedded PGlite directory.
 */
import type { EnvReader } from '@hoi/platform';

/** The storage settings of one subgraph. */
export interface StorageConfig {
  /**
   * `DATABASE_URL`: PostgreSQL (shared by the subgraphs); unset → embedded PGlite in `dataDir`.
   * Required in production.
   */
  readonly databaseUrl: string | undefined;
  /** `DATABASE_SCHEMA`: PostgreSQL schema for the tables. @default undefined (search_path) */
  readonly databaseSchema: string | undefined;
  /** `<NAME>_DATA_DIR`: the PGlite directory. @default './data/<name>' */
  readonly dataDir: string;
  /**
   * `AUDIT_PSEUDONYM_KEY`: key of the CPR pseudonyms in the audit logs; one key for every
   * subgraph, so all logs name a citizen alike and a data protection officer can find a
   * citizen's records across restarts. Required in production. @default a fixed development key
   */
  readonly auditPseudonymKey: string;
}

/**
 * Reads the storage settings; `name` selects `<NAME>_DATA_DIR` and its default. Production
 * (`NODE_ENV`) requires `DATABASE_URL` and `AUDIT_PSEUDONYM_KEY`.
 */
export function readStorageConfig(r: EnvReader, name: string): StorageConfig {
  const production = r.string('NODE_ENV', 'development') === 'production';
  const auditPseudonymKey = r.secret('AUDIT_PSEUDONYM_KEY', 32);
  if (production && !auditPseudonymKey) {
    r.problem('AUDIT_PSEUDONYM_KEY must be set in production (at least 32 characters)');
  }
  // Replicas on PGlite would each keep a consent store and an audit log of their own.
  if (production && r.optionalString('DATABASE_URL') === undefined) {
    r.problem(
      `DATABASE_URL must be set in production: PostgreSQL shared by every instance (the ${name} subgraph keeps records; the embedded PGlite is one process's own)`,
    );
  }
  const databaseSchema = r.optionalString('DATABASE_SCHEMA');
  if (databaseSchema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(databaseSchema)) {
    r.problem(`DATABASE_SCHEMA must be a lower-case SQL identifier, got "${databaseSchema}"`);
  }
  return {
    databaseUrl: r.url('DATABASE_URL'),
    databaseSchema,
    dataDir: r.string(`${name.toUpperCase()}_DATA_DIR`, `./data/${name}`),
    auditPseudonymKey:
      auditPseudonymKey ?? 'hoi-development-audit-pseudonym-key-not-for-production',
  };
}
