/** Stored shapes used as codegen mappers (codegen.ts). */
export type { CitizenRef } from '../../shared/src/citizenRef.js';
export type { HoiDecisionRecord } from './store/ScreeningStore.js';
