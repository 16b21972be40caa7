/** Stored shapes used as codegen mappers (codegen.ts). */
export type { CitizenRef } from '@hoi/subgraph-kit';
export type { HoiDecisionRecord } from './store/ScreeningStore.js';
