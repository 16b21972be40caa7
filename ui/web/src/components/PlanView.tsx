/** The joint HOI plan, read: overall goal, sub-goals, agreements and meetings. */
import type { HoiPlanDocument, ResultOf } from '@hoi/client-kit';
import { areaLabel, day, instant, L } from '../labels';

/** The plan as HoiPlan and the plan mutations answer it. */
export type Plan = NonNullable<ResultOf<typeof HoiPlanDocument>['citizen']['hoiPlan']>;

export function PlanView({ plan, level }: { plan: Plan; level: 2 | 3 }) {
  const H = level === 2 ? 'h3' : 'h4';
  return (
    <div data-testid="plan">
      <p>
        <strong>Overordnet mål (borgerens egne ord):</strong> {plan.overallGoal}
      </p>
      <p>
        Status: {L.PlanStatus[plan.status]}. Næste opfølgning: {day(plan.nextFollowUp)}. Oprettet{' '}
        {instant(plan.createdAt)}
        {plan.revisedAt ? `, senest ændret ${instant(plan.revisedAt)}` : ''}.
      </p>
      <H>Delmål</H>
      {plan.subGoals.length === 0 ? (
        <p>Ingen delmål.</p>
      ) : (
        <table className="table table--zebra">
          <thead>
            <tr>
              <th scope="col">Område</th>
              <th scope="col">Delmål</th>
              <th scope="col">Måldato</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {plan.subGoals.map((g) => (
              <tr key={g.id}>
                <td>{areaLabel(g.area)}</td>
                <td>{g.text}</td>
                <td>{day(g.targetDate)}</td>
                <td>{L.GoalStatus[g.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <H>Aftaler</H>
      {plan.agreements.length === 0 ? (
        <p>Ingen aftaler.</p>
      ) : (
        <table className="table table--zebra" data-testid="agreements">
          <thead>
            <tr>
              <th scope="col">Område</th>
              <th scope="col">Aftale</th>
              <th scope="col">Frist</th>
              <th scope="col">Status</th>
              <th scope="col">Borgerens kommentar</th>
            </tr>
          </thead>
          <tbody>
            {plan.agreements.map((a) => (
              <tr key={a.id}>
                <td>{areaLabel(a.area)}</td>
                <td>{a.text}</td>
                <td>{day(a.dueDate)}</td>
                <td>{L.AgreementStatus[a.status]}</td>
                <td>{a.citizenComment ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <H>Møder</H>
      {plan.meetings.length === 0 ? (
        <p>Ingen møder.</p>
      ) : (
        <table className="table table--zebra">
          <thead>
            <tr>
              <th scope="col">Område</th>
              <th scope="col">Møde</th>
              <th scope="col">Tid</th>
              <th scope="col">Konflikt</th>
            </tr>
          </thead>
          <tbody>
            {plan.meetings.map((m) => (
              <tr
                key={m.id}
                className={m.conflictsWith.length > 0 ? 'timeline-conflict' : undefined}
              >
                <td>{areaLabel(m.area)}</td>
                <td>{m.title}</td>
                <td>
                  {instant(m.start)} – {instant(m.end)}
                </td>
                <td>{m.conflictsWith.length > 0 ? 'Overlapper et andet møde' : 'Nej'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
