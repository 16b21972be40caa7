/** The cpr-knap overview of one citizen: consent status and one panel per area. */
import { CitizenOverviewDocument } from '@hoi/client-kit';
import { AreaPanels } from '../components/AreaPanels';
import { Errors } from '../components/Errors';
import { day, L } from '../labels';
import { useQuery } from '../useQuery';

export function OverviewTab({ cpr }: { cpr: string }) {
  const q = useQuery(CitizenOverviewDocument, { cpr });
  const citizen = q.data?.citizen;
  return (
    <>
      <h2 id="overview-heading" tabIndex={-1}>
        Overblik
      </h2>
      <Errors errors={q.errors} />
      {q.loading && !citizen && <p aria-live="polite">Henter overblikket …</p>}
      {citizen && (
        <>
          <p data-testid="consent-summary">
            Samtykke:{' '}
            {citizen.consent
              ? `${L.ConsentStatus[citizen.consent.status]}${citizen.consent.status === 'ACTIVE' ? `, gælder til ${day(citizen.consent.validUntil)}` : ''}`
              : 'Borgeren har ikke givet samtykke.'}
          </p>
          <AreaPanels data={citizen} headingId="overview-heading" />
        </>
      )}
    </>
  );
}
