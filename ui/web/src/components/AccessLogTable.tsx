/** An access log page (aktindsigt): who looked, as a role and a unit, never a person. */
import type { MyAccessLogDocument, ResultOf } from '@hoi/client-kit';
import { areaLabel, instant, L, roleLabel } from '../labels';
import { ScrollTable } from './ScrollTable';

type Log = ResultOf<typeof MyAccessLogDocument>['me']['accessLog'];

const PURPOSES: Readonly<Record<string, string>> = {
  CITIZEN_OVERVIEW: 'Overblik over borgeren',
  ACCESS_LOG: 'Læsning af adgangsloggen',
  GIVE_CONSENT: 'Samtykke registreret',
  WITHDRAW_CONSENT: 'Samtykke tilbagekaldt',
  HOI_SCREENING: 'HOI-udsøgning',
  HOI_ELIGIBILITY: 'Vurdering af HOI-målgruppe',
  REGISTER_HOI_CASE: 'HOI-sag oprettet',
  DECLINE_HOI: 'HOI fravalgt',
  PLAN_CREATE_HOI_PLAN: 'Plan oprettet',
  PLAN_ADD_SUB_GOAL: 'Delmål tilføjet',
  PLAN_SET_SUB_GOAL_STATUS: 'Delmål ændret',
  PLAN_ADD_AGREEMENT: 'Aftale tilføjet',
  PLAN_SET_AGREEMENT_STATUS: 'Aftale ændret',
  PLAN_SCHEDULE_MEETING: 'Møde planlagt',
  PLAN_COMMENT_ON_AGREEMENT: 'Kommentar til aftale',
  PLAN_SET_PLAN_STATUS: 'Planens status ændret',
};

/** The areas of an entry grouped by basis: "Egen myndighed: Beskæftigelse, Sundhed". */
function areasByBasis(areas: readonly string[], basis: readonly string[]): string {
  if (areas.length === 0) return '–';
  const groups = new Map<string, string[]>();
  areas.forEach((a, i) => {
    const b = basis[i] ?? 'NONE';
    groups.set(b, [...(groups.get(b) ?? []), areaLabel(a)]);
  });
  return [...groups]
    .map(([b, list]) => `${(L.AccessBasis as Record<string, string>)[b] ?? b}: ${list.join(', ')}`)
    .join('. ');
}

export function AccessLogTable({ log, caption }: { log: Log; caption: string }) {
  return (
    <ScrollTable label="Adgangslog">
      <table className="table table--zebra" data-testid="access-log">
        <caption>
          {caption} ({log.totalCount} i alt, nyeste først)
        </caption>
        <thead>
          <tr>
            <th scope="col">Tidspunkt</th>
            <th scope="col">Hvem</th>
            <th scope="col">Handling</th>
            <th scope="col">Formål</th>
            <th scope="col">Områder og grundlag</th>
          </tr>
        </thead>
        <tbody>
          {log.edges.map(({ cursor, node }) => (
            <tr key={cursor}>
              <td>{instant(node.at)}</td>
              <td>
                {roleLabel(node.actor.role)}
                {node.actor.unit ? `, ${node.actor.unit}` : ''}
              </td>
              <td>{L.AccessKind[node.kind]}</td>
              <td>{PURPOSES[node.purpose] ?? node.purpose}</td>
              <td>{areasByBasis(node.areas, node.basis)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
