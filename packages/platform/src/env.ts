/**
 * Reading configuration from the environment: every variable is validated, and all problems
 * are reported together (one clear line per bad value) before anything listens.
 */

/** Thrown by {@link EnvReader.done} when any variable was bad; one line per problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Typed accessors over an environment that collect problems instead of throwing at once. */
export interface EnvReader {
  string(name: string, fallback: string): string;
  optionalString(name: string): string | undefined;
  int(name: string, fallback: number, min?: number, max?: number): number;
  /** A decimal number (e.g. a rate) from `min` to `max`. */
  number(name: string, fallback: number, min: number, max: number): number;
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T;
  url(name: string): string | undefined;
  /** A secret of at least `minLength` characters, or undefined when unset. */
  secret(name: string, minLength: number): string | undefined;
  /** Records a problem found by the caller. */
  problem(message: string): void;
  /** Throws a ConfigError listing every problem, if there were any. */
  done(): void;
}

/** Creates a reader for `env`. */
export function readEnv(env: NodeJS.ProcessEnv): EnvReader {
  const problems: string[] = [];
  const raw = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v === '' ? undefined : v;
  };
  return {
    string: (name, fallback) => raw(name) ?? fallback,
    optionalString: (name) => raw(name),
    int(name, fallback, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
      const v = raw(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!/^-?\d+$/.test(v.trim()) || n < min || n > max) {
        problems.push(`${name} must be an integer from ${min} to ${max}, got "${v}"`);
        return fallback;
      }
      return n;
    },
    number(name, fallback, min, max) {
      const v = raw(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(v.trim()) || !(n >= min && n <= max)) {
        problems.push(`${name} must be a number from ${min} to ${max}, got "${v}"`);
        return fallback;
      }
      return n;
    },
    oneOf(name, values, fallback) {
      const v = raw(name);
      if (v === undefined) return fallback;
      if (!(values as readonly string[]).includes(v)) {
        problems.push(`${name} must be one of ${values.join(', ')}, got "${v}"`);
        return fallback;
      }
      return v as (typeof values)[number];
    },
    url(name) {
      const v = raw(name);
      if (v === undefined) return undefined;
      try {
        const u = new URL(v);
        if (!/^(https?|postgres(ql)?|rediss?):$/.test(u.protocol)) throw new Error('protocol');
        return v;
      } catch {
        problems.push(`${name} must be an absolute URL, got "${v}"`);
        return undefined;
      }
    },
    secret(name, minLength) {
      const v = raw(name);
      if (v !== undefined && v.length < minLength) {
        problems.push(`${name} must be at least ${minLength} characters long`);
        return undefined;
      }
      return v;
    },
    problem: (message) => void problems.push(message),
    done() {
      if (problems.length > 0) throw new ConfigError(problems);
    },
  };
}
