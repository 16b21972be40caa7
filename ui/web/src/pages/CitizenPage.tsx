/** Mit overblik: the citizen's own data (every area, their own), their plan and who looked. */
import { useState } from 'react';
import { HoiPlanDocument, MyAccessLogDocument, MyOverviewDocument } from '@hoi/client-kit';
import { AccessLogTable } from '../components/AccessLogTable';
import { AreaPanels } from '../components/AreaPanels';
import { Errors } from '../components/Errors';
import { PlanView } from '../components/PlanView';
import { day, L } from '../labels';
import { useQuery } from '../useQuery';

export function CitizenPage({ cpr }: { cpr: string }) {
  const me = useQuery(MyOverviewDocument, {});
  // A citizen may read citizen(cpr) for their own CPR (DESIGN §4): the kit's plan query.
  const plan = useQuery(HoiPlanDocument, { cpr });
  const [after, setAfter] = useState<string[]>([]);
  const log = useQuery(MyAccessLogDocument, { first: 10, after: after.at(-1) ?? null });
  const pageInfo = log.data?.me.accessLog.pageInfo;
  const overview = me.data?.me;
  return (
    <>
      <h1>Mit overblik</h1>
      <p>
        Her kan du se, hvad kommunen ved om dig på tværs af områder, din plan og hvem der har set
        dine oplysninger.
      </p>
      <Errors errors={[...me.errors, ...plan.errors, ...log.errors]} />
      <h2 id="my-data">Mine oplysninger</h2>
      {overview ? (
        <>
          <p>
            Dit samtykke:{' '}
            {overview.consent
              ? `${L.ConsentStatus[overview.consent.status]}${overview.consent.status === 'ACTIVE' ? `, gælder til ${day(overview.consent.validUntil)}` : ''}`
              : 'Du har ikke givet samtykke til at dele oplysninger.'}
          </p>
          <AreaPanels data={overview} headingId="my-data" />
        </>
      ) : (
        me.loading && <p aria-live="polite">Henter dine oplysninger …</p>
      )}
      <h2>Min plan</h2>
      {plan.data?.citizen.hoiPlan ? (
        <PlanView plan={plan.data.citizen.hoiPlan} level={2} />
      ) : (
        !plan.loading && <p>Du har ingen samlet plan.</p>
      )}
      <h2>Hvem har set mine oplysninger</h2>
      {log.data ? (
        <>
          <AccessLogTable
            log={log.data.me.accessLog}
            caption="Opslag i og ændringer af dine oplysninger"
          />
          <div className="button-row">
            {after.length > 0 && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setAfter(after.slice(0, -1))}
              >
                Nyere
              </button>
            )}
            {pageInfo?.hasNextPage && pageInfo.endCursor && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setAfter([...after, pageInfo.endCursor as string])}
              >
                Ældre
              </button>
            )}
          </div>
        </>
      ) : (
        log.loading && <p aria-live="polite">Henter loggen …</p>
      )}
    </>
  );
}
