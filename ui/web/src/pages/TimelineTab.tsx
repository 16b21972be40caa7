/**
 * The timeline: every dated thing the caller may see of the citizen, oldest first; meetings
 * that overlap another (visible) meeting of the citizen are marked as conflicts.
 */
import { HoiPlanDocument, TimelineDocument } from '@hoi/client-kit';
import { Errors } from '../components/Errors';
import { areaLabel, day, L } from '../labels';
import { useQuery } from '../useQuery';
import { ScrollTable } from '../components/ScrollTable';

export function TimelineTab({ cpr }: { cpr: string }) {
  const timeline = useQuery(TimelineDocument, { cpr });
  const plan = useQuery(HoiPlanDocument, { cpr });
  const conflicts = new Set(
    (plan.data?.citizen.hoiPlan?.meetings ?? [])
      .filter((m) => m.conflictsWith.length > 0)
      .map((m) => m.id),
  );
  const items = timeline.data?.citizen.timeline ?? [];
  return (
    <>
      <h2 tabIndex={-1}>Tidslinje</h2>
      <Errors errors={[...timeline.errors, ...plan.errors]} />
      {timeline.loading && items.length === 0 && <p aria-live="polite">Henter tidslinjen …</p>}
      {!timeline.loading && items.length === 0 && <p>Der er intet på tidslinjen.</p>}
      {items.length > 0 && (
        <ScrollTable label="Tidslinje">
          <table className="table table--zebra" data-testid="timeline">
            <caption>Alt med en dato, ældste først ({items.length} punkter)</caption>
            <thead>
              <tr>
                <th scope="col">Dato</th>
                <th scope="col">Type</th>
                <th scope="col">Område</th>
                <th scope="col">Titel</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr
                  key={`${item.kind}-${item.id}`}
                  data-kind={item.kind}
                  className={conflicts.has(item.id) ? 'timeline-conflict' : undefined}
                >
                  <td className="date-cell">
                    {day(item.start)}
                    {item.end && item.end !== item.start ? ` – ${day(item.end)}` : ''}
                  </td>
                  <td>{L.TimelineKind[item.kind]}</td>
                  <td>{areaLabel(item.area)}</td>
                  <td>
                    {item.title}
                    {conflicts.has(item.id) && (
                      <>
                        {' '}
                        <strong className="conflict-tag" data-testid="meeting-conflict">
                          Mødekonflikt: overlapper et andet møde
                        </strong>
                      </>
                    )}
                  </td>
                  <td>{statusLabel(item.kind, item.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}

/** Plan elements' statuses have Danish labels; the sources' own statuses are shown as they are. */
function statusLabel(kind: string, status: string): string {
  const table: Record<string, Record<string, string>> = {
    SUB_GOAL: L.GoalStatus,
    AGREEMENT: L.AgreementStatus,
    MEETING: { SCHEDULED: 'Planlagt' },
  };
  return table[kind]?.[status] ?? status;
}
