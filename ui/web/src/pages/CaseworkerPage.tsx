/**
 * The caseworker's cpr-knap: look up a citizen, then their overview, timeline, joint plan and
 * consent. The CPR stays in the page's memory (not in the address, so not in any history or
 * log).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SectorArea } from '@hoi/client-kit';
import { ConsentTab } from './ConsentTab';
import { OverviewTab } from './OverviewTab';
import { PlanTab } from './PlanTab';
import { TimelineTab } from './TimelineTab';

const TABS = [
  ['overview', 'Overblik'],
  ['timeline', 'Tidslinje'],
  ['plan', 'Samlet plan'],
  ['consent', 'Samtykke'],
] as const;
type Tab = (typeof TABS)[number][0];

export function CaseworkerPage({ ownAreas }: { ownAreas: readonly SectorArea[] }) {
  const [cpr, setCpr] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('overview');
  // Each lookup reads afresh, the same CPR again too.
  const [lookup, setLookup] = useState(0);
  const content = useRef<HTMLDivElement>(null);
  // After a lookup or a change of page, focus moves to the new page's heading (screen readers
  // announce it); not on the first render.
  useEffect(() => {
    if (lookup > 0) content.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [tab, lookup]);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setCpr(String(new FormData(e.currentTarget).get('cpr') ?? '').trim());
    setTab('overview');
    setLookup((n) => n + 1);
  }
  return (
    <>
      <h1>Overblik over en borger</h1>
      <form onSubmit={submit} className="cpr-form" role="search">
        <div className="form-group">
          <label className="form-label" htmlFor="cpr">
            CPR-nummer
          </label>
          <span className="form-hint" id="cpr-hint">
            DDMMÅÅ-XXXX
          </span>
          <input
            id="cpr"
            name="cpr"
            className="form-input input-width-s"
            aria-describedby="cpr-hint"
            required
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button button-primary">
          Slå op
        </button>
      </form>
      {cpr && (
        <>
          <nav aria-label="Borgerens sider" className="citizen-tabs">
            <ul>
              {TABS.map(([id, label]) => (
                <li key={id}>
                  <button
                    type="button"
                    className={`button ${tab === id ? 'button-primary' : 'button-secondary'}`}
                    aria-current={tab === id ? 'page' : undefined}
                    onClick={() => setTab(id)}
                  >
                    {label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <p className="citizen-cpr">
            Borger: <strong>{cpr}</strong>
          </p>
          <div ref={content}>
            {tab === 'overview' && <OverviewTab cpr={cpr} key={`o-${cpr}-${lookup}`} />}
            {tab === 'timeline' && <TimelineTab cpr={cpr} key={`t-${cpr}-${lookup}`} />}
            {tab === 'plan' && <PlanTab cpr={cpr} ownAreas={ownAreas} key={`p-${cpr}-${lookup}`} />}
            {tab === 'consent' && <ConsentTab cpr={cpr} key={`c-${cpr}-${lookup}`} />}
          </div>
        </>
      )}
    </>
  );
}
