/** The screening list (cpr-liste) for the screener: citizens of a target group, a page at a time. */
import { useState } from 'react';
import { ScreeningDocument, type HoiGroup } from '@hoi/client-kit';
import { Errors } from '../components/Errors';
import { areaLabel, instant, L } from '../labels';
import { useQuery } from '../useQuery';
import { ScrollTable } from '../components/ScrollTable';

export function ScreeningPage() {
  const [group, setGroup] = useState<HoiGroup>('MANDATORY');
  const [after, setAfter] = useState<string[]>([]);
  const q = useQuery(ScreeningDocument, { group, first: 25, after: after.at(-1) ?? null });
  const page = q.data?.screening;
  return (
    <>
      <h1>HOI-udsøgning</h1>
      <p>Borgere i målgruppen for helhedsorienteret indsats, som endnu ikke har fået tilbuddet.</p>
      <div className="form-group">
        <label className="form-label" htmlFor="group">
          Målgruppe
        </label>
        <select
          id="group"
          className="form-select"
          value={group}
          onChange={(e) => {
            setGroup(e.target.value as HoiGroup);
            setAfter([]);
          }}
        >
          {(Object.keys(L.HoiGroup) as HoiGroup[]).map((g) => (
            <option key={g} value={g}>
              {L.HoiGroup[g]}
            </option>
          ))}
        </select>
      </div>
      <Errors errors={q.errors} />
      {q.loading && !page && <p aria-live="polite">Henter listen …</p>}
      {page && (
        <>
          <ScrollTable label="Udsøgningsliste">
            <table className="table table--zebra" data-testid="screening">
              <caption>
                {L.HoiGroup[group]}: {page.totalCount} borgere, udsøgt {instant(page.evaluatedAt)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">CPR-nummer</th>
                  <th scope="col">Alder</th>
                  <th scope="col">Områder med åbne sager</th>
                  <th scope="col">Målgruppe</th>
                </tr>
              </thead>
              <tbody>
                {page.edges.map(({ cursor, node }) => (
                  <tr key={cursor}>
                    <td>{node.cpr}</td>
                    <td>{node.age}</td>
                    <td>{node.openCaseAreas.map(areaLabel).join(', ')}</td>
                    <td>{L.HoiGroup[node.group]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <div className="button-row">
            {after.length > 0 && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setAfter(after.slice(0, -1))}
              >
                Forrige side
              </button>
            )}
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setAfter([...after, page.pageInfo.endCursor as string])}
              >
                Næste side
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}
