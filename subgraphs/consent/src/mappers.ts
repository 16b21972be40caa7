/** Stored shapes used as codegen mappers (codegen.ts). */
import type { GraphQLError } from 'graphql';
import type { AreaAccess } from '@hoi/domain';

/** A citizen opened by this request: the key and the access decision made for it. */
export interface CitizenView {
  readonly cpr: string;
  readonly access: AreaAccess[];
  /** The version of the consent state the decision rests on (see consentVersion). */
  readonly consentVersion: number;
  /** Set when the consent register could not be read: access was decided without consents. */
  readonly consentUnavailable?: GraphQLError;
}
export type { ConsentView } from './consentView.js';
export type { AreaAccess as AreaAccessDecision } from '@hoi/domain';
