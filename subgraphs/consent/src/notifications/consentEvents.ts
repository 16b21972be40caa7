/**
 * Consent notifications ("advisering"): the events a caseworker's system is told about, and
 * the JSON body each is delivered as. The body carries the citizen's CPR and the consent,
 * nothing else personal: the receivers are the municipality's own systems.
 */
import { type Actor, type ConsentRecord, consentStatusAt, type SectorArea } from '@hoi/domain';

/** Every kind of consent event, in the order they can happen to one consent. */
export const CONSENT_EVENT_TYPES = ['GIVEN', 'WITHDRAWN', 'EXPIRING', 'EXPIRED'] as const;

/**
 * GIVEN and WITHDRAWN come from consent writes (a replaced ACTIVE consent is WITHDRAWN);
 * EXPIRING and EXPIRED from the expiry scheduler. Each happens at most once per consent.
 */
export type ConsentEventType = (typeof CONSENT_EVENT_TYPES)[number];

/** An event to append, before it has an id: what happened to which consent, and when. */
export interface ConsentEventDraft {
  readonly type: ConsentEventType;
  /** The consent as it is once the event has happened (a WITHDRAWN one names its withdrawal). */
  readonly consent: ConsentRecord;
  /** ISO instant the event happened at (givenAt, withdrawnAt, or the expiry boundary). */
  readonly occurredAt: string;
}

/** The JSON body POSTed to every receiver. */
export interface ConsentEventBody {
  /** The event's id: also the `idempotency-key` header, stable across retries. */
  readonly id: string;
  readonly type: ConsentEventType;
  readonly occurredAt: string;
  readonly citizen: { readonly cpr: string };
  readonly consent: {
    readonly id: string;
    /** The status at `occurredAt`: ACTIVE, WITHDRAWN or EXPIRED. */
    readonly status: 'ACTIVE' | 'WITHDRAWN' | 'EXPIRED';
    readonly areas: readonly SectorArea[];
    readonly givenAt: string;
    readonly validUntil: string;
    readonly withdrawnAt: string | null;
    readonly channel: ConsentRecord['channel'];
    readonly givenBy: Actor;
    readonly withdrawnBy: Actor | null;
  };
}

/**
 * The body of event `id`, serialized once when the event is recorded: every retry sends the
 * same bytes, so a receiver that hashes bodies sees one event, not several.
 */
export function consentEventBody(id: string, draft: ConsentEventDraft): string {
  const c = draft.consent;
  const body: ConsentEventBody = {
    id,
    type: draft.type,
    occurredAt: draft.occurredAt,
    citizen: { cpr: c.cpr },
    consent: {
      id: c.id,
      status: consentStatusAt(c, new Date(draft.occurredAt)),
      areas: c.areas,
      givenAt: c.givenAt,
      validUntil: c.validUntil,
      withdrawnAt: c.withdrawnAt,
      channel: c.channel,
      givenBy: { role: c.givenBy.role, unit: c.givenBy.unit },
      withdrawnBy: c.withdrawnBy && { role: c.withdrawnBy.role, unit: c.withdrawnBy.unit },
    },
  };
  return JSON.stringify(body);
}
