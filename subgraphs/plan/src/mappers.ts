/** Shapes the resolvers return where they differ from the stored records (codegen.ts mappers). */
import type { MeetingRecord } from '@hoi/domain';

/** A meeting with the ids of the visible meetings it overlaps. */
export interface MeetingView extends MeetingRecord {
  readonly conflictsWith: readonly string[];
}
