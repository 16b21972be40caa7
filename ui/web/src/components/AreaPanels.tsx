/**
 * The overview: one panel per sector area, in the API's order. A visible area lists its
 * cases, benefits and interventions (and employment for EMPLOYMENT) with its access basis; a
 * hidden area says "Ingen adgang" and nothing else (no counts, no titles: DESIGN §4).
 */
import type { ResultOf, CitizenOverviewDocument, SectorArea } from '@hoi/client-kit';
import { areaLabel, day, L } from '../labels';

type Overview = ResultOf<typeof CitizenOverviewDocument>['citizen'];

/** The fields both overviews (caseworker's and the citizen's own) have. */
export interface OverviewData {
  readonly access: Overview['access'];
  readonly cases: readonly Pick<
    Overview['cases'][number],
    'id' | 'title' | 'area' | 'status' | 'openedAt' | 'closedAt'
  >[];
  readonly benefits: Overview['benefits'];
  readonly interventions: readonly Pick<
    Overview['interventions'][number],
    'id' | 'title' | 'area' | 'status' | 'period'
  >[];
  readonly employment: Pick<
    NonNullable<Overview['employment']>,
    'contactGroup' | 'visitation' | 'jobGoals'
  > | null;
}

function period(p: { start?: string | null; end?: string | null }): string {
  return `${day(p.start)} – ${p.end ? day(p.end) : 'nu'}`;
}

function VisibleArea({ area, data }: { area: SectorArea; data: OverviewData }) {
  const cases = data.cases.filter((c) => c.area === area);
  const benefits = data.benefits.filter((b) => b.area === area);
  const interventions = data.interventions.filter((i) => i.area === area);
  return (
    <>
      <h4 className="h5">Sager</h4>
      {cases.length === 0 ? (
        <p>Ingen sager.</p>
      ) : (
        <ul className="nobullet-list">
          {cases.map((c) => (
            <li key={c.id}>
              <strong>{c.title}</strong> ({c.status}), oprettet {day(c.openedAt)}
              {c.closedAt ? `, lukket ${day(c.closedAt)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h4 className="h5">Ydelser</h4>
      {benefits.length === 0 ? (
        <p>Ingen ydelser.</p>
      ) : (
        <ul className="nobullet-list">
          {benefits.map((b) => (
            <li key={b.id}>
              <strong>{b.name}</strong> ({b.status}), {period(b.period)}
            </li>
          ))}
        </ul>
      )}
      <h4 className="h5">Indsatser</h4>
      {interventions.length === 0 ? (
        <p>Ingen indsatser.</p>
      ) : (
        <ul className="nobullet-list">
          {interventions.map((i) => (
            <li key={i.id}>
              <strong>{i.title}</strong> ({i.status}), {period(i.period)}
            </li>
          ))}
        </ul>
      )}
      {area === 'EMPLOYMENT' && (
        <>
          <h4 className="h5">Beskæftigelse</h4>
          {data.employment ? (
            <p>
              Kontaktgruppe: {data.employment.contactGroup}
              {data.employment.visitation ? `. Visitation: ${data.employment.visitation}` : ''}
              {data.employment.jobGoals.length > 0
                ? `. Jobmål: ${data.employment.jobGoals.join(', ')}`
                : ''}
            </p>
          ) : (
            <p>Ingen oplysninger.</p>
          )}
        </>
      )}
    </>
  );
}

/** The six panels. */
export function AreaPanels({ data, headingId }: { data: OverviewData; headingId: string }) {
  return (
    <div className="area-panels" aria-labelledby={headingId} role="region">
      {data.access.map(({ area, visible, basis }) => (
        <section
          key={area}
          className={`card area-panel${visible ? '' : ' area-panel--hidden'}`}
          aria-labelledby={`panel-${area}`}
          data-testid="area-panel"
          data-area={area}
          data-visible={String(visible)}
          data-basis={basis}
        >
          <div className="card-content">
            <h3 className="h4" id={`panel-${area}`}>
              {areaLabel(area)}
            </h3>
            {visible ? (
              <>
                <p className="area-basis">
                  <span className="badge">Grundlag: {L.AccessBasis[basis]}</span>
                </p>
                <VisibleArea area={area} data={data} />
              </>
            ) : (
              <p className="area-none">Ingen adgang</p>
            )}
          </div>
        </section>
      ))}
    </div>
  );
}
