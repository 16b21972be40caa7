/**
 * The source records of the synthetic dataset: what each index (source system) knows about a
 * citizen. Dates are ISO dates (`YYYY-MM-DD`), instants ISO 8601 UTC. CPRs are `DDMMYY-SSSS`.
 */
import type { SectorArea } from './areas.js';

/** A case from the case index (Sags- og dokumentindeks). */
export interface CaseRecord {
  readonly id: string;
  readonly title: string;
  readonly area: SectorArea;
  readonly kle: string;
  /** SDI Fremdrift: Opstaaet, Oplyst, Afgjort, Afsluttet. */
  readonly status: string;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly sourceSystem: string;
}

/** A granted benefit from the benefit index (Ydelsesindeks). */
export interface BenefitRecord {
  readonly id: string;
  readonly name: string;
  readonly area: SectorArea;
  readonly kle: string;
  /** Aktiv, Inaktiv or Passiv. */
  readonly status: string;
  readonly start: string;
  readonly end: string | null;
}

/** An intervention from the intervention index (Indsatsindeks). */
export interface InterventionRecord {
  readonly id: string;
  readonly title: string;
  readonly area: SectorArea;
  readonly kle: string;
  readonly legalBasis: string | null;
  /** VISITERET, PLANLAGT, IGANG, PAUSET, AFSLUTTET or ANNULLERET. */
  readonly status: string;
  readonly start: string;
  readonly end: string | null;
}

/** Employment status from DFDG / Min Plan. */
export interface EmploymentRecord {
  readonly contactGroup: string;
  readonly visitation: string | null;
  readonly jobGoals: readonly string[];
  readonly registeredSince: string;
}

/** Who acted, as records name them: a role and an organisation unit, never a person. */
export interface Actor {
  readonly role: string;
  readonly unit: string | null;
}

/** How a consent was recorded: by the citizen themself, or by a caseworker for them. */
export type ConsentChannel = 'SELF_SERVICE' | 'RECORDED_BY_CASEWORKER';

/** A consent as stored: `ACTIVE` or `WITHDRAWN`; expiry is computed when it is read. */
export interface ConsentRecord {
  readonly id: string;
  readonly cpr: string;
  readonly status: 'ACTIVE' | 'WITHDRAWN';
  readonly areas: readonly SectorArea[];
  readonly givenAt: string;
  readonly validUntil: string;
  readonly withdrawnAt: string | null;
  /** Who recorded it and through which channel (DESIGN §3a consent accountability). */
  readonly channel: ConsentChannel;
  readonly givenBy: Actor;
  /** Who withdrew it; null unless WITHDRAWN. */
  readonly withdrawnBy: Actor | null;
}

/**
 * The actor of a principal's act: its role and unit. A consent recorded before these were
 * kept names the role `unknown`.
 */
export function actorOf(principal: { readonly role: string; readonly org?: string }): Actor {
  return { role: principal.role, unit: principal.org ?? null };
}

/** HOI target group the generator aimed for (the screening rules decide; this only shapes data). */
export type GeneratedGroup = 'MANDATORY' | 'OPTIONAL' | 'NONE';

/** Everything the dataset holds about one citizen. */
export interface CitizenRecord {
  readonly index: number;
  readonly cpr: string;
  readonly birthDate: string;
  readonly group: GeneratedGroup;
  readonly cases: readonly CaseRecord[];
  readonly benefits: readonly BenefitRecord[];
  readonly interventions: readonly InterventionRecord[];
  readonly employment: EmploymentRecord | null;
  /** Consent history, oldest first. */
  readonly consents: readonly ConsentRecord[];
}
