/** Stored shapes used as codegen mappers (codegen.ts). */
export type { CitizenRef } from '../../shared/src/citizenRef.js';
export type { EmploymentRecord } from '../../../dataset/src/records.js';
