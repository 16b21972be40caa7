/**
 * The offline GraphQL playground: GraphiQL with every script, style and worker inlined
 * (@graphql-yoga/render-graphiql), so it loads nothing from outside the machine. Municipal
 * networks have no CDN access.
 *
 * It opens with one tab per example operation of the client kit, prefilled for a sample
 * citizen (playgroundTabs.ts, playgroundSample.ts). In development, for a browser on this
 * machine, each tab's headers carry a fresh development token for its role
 * (playgroundTokens.ts); production never mints or embeds one.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger, RouteHandler } from '@hoi/platform';
import type { PlaygroundConfig } from './playgroundConfig.js';
import { findPlaygroundSample, type PlaygroundSample } from './playgroundSample.js';
import {
  playgroundTabs,
  readClientOperations,
  type PlaygroundTab,
  CLIENT_OPERATIONS_DIR,
  CPR_PLACEHOLDER,
} from './playgroundTabs.js';
import {
  isLoopbackRequest,
  PLAYGROUND_TOKEN_TTL_SECONDS,
  type DevTokenMinter,
  type PlaygroundRole,
} from './playgroundTokens.js';

/** The tab when the client kit's operations are not there (a trimmed deployment). */
const FALLBACK_QUERY = `query Overview($cpr: CPR!) {
  citizen(cpr: $cpr) {
    cpr
    access { area visible basis }
    consent { status areas validUntil }
    cases { title area kle status openedAt }
    benefits { name area status period { start end } }
    interventions { title area legalBasis status }
    employment { contactGroup visitation jobGoals }
  }
}
`;

/** Options of {@link createPlaygroundHandler}. */
export interface PlaygroundOptions {
  /** The GraphQL endpoint the page talks to. @default '/graphql' */
  readonly endpoint?: string;
  /** Production: no minter is accepted, no token is ever embedded. @default false */
  readonly production?: boolean;
  /** Where the sample citizen comes from; absent: no sample (a CPR placeholder). */
  readonly sample?: PlaygroundConfig;
  /**
   * Mints the tabs' development tokens (development only): each page for a loopback client
   * gets fresh ones. Absent or null: no tokens.
   */
  readonly devTokens?: DevTokenMinter | null;
  /** The client kit's operations. @default clients/operations of this repository */
  readonly operationsDir?: string;
  /** The clock (dates in the prefilled variables). @default () => new Date() */
  readonly clock?: () => Date;
  /** Where a failed render is reported. */
  readonly logger?: Pick<Logger, 'error'>;
}

/** The page's Content-Security-Policy: it may only talk to this gateway. */
export const PLAYGROUND_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'";

/** A placeholder in the rendered page, replaced per request (inside a JSON string). */
const slot = (name: string) => `@@HOI_PLAYGROUND_${name}@@`;
const SLOT = /@@HOI_PLAYGROUND_([A-Za-z0-9_:]+)@@/g;

/** The rendered page, cut at its per-request slots. */
interface RenderedPage {
  /** `parts.length === slots.length + 1`. */
  readonly parts: readonly Buffer[];
  readonly slots: readonly string[];
  readonly roles: readonly PlaygroundRole[];
  readonly sample: PlaygroundSample | null;
}

/**
 * Runs before GraphiQL, so that a reload opens the page as preloaded, with fresh tokens: the
 * tabs GraphiQL saved last time (without headers, or with tokens expired since) would replace
 * the preloaded ones, so they are dropped (the history panel keeps what was run).
 */
const RELOAD_SCRIPT = `<script>
try { localStorage.removeItem('graphiql:tabState'); } catch (e) {}
</script>`;

/** The first tab's note, per case: what the tabs are and how they authenticate. */
function note(sample: PlaygroundSample | null, tokens: 'embedded' | 'offMachine' | 'none') {
  const lines = [
    '# hoi-gateway playground: one tab per example operation of the client kit',
    '# (clients/operations), the most used first.',
  ];
  if (sample) {
    const areas = sample.areas.length > 0 ? `data in ${sample.areas.join(', ')}` : 'areas unknown';
    lines.push(`# Sample citizen ${sample.cpr}: ${areas}`, `# (${sample.origin}).`);
  }
  if (tokens === 'embedded')
    lines.push(
      `# Each tab's headers hold a ${PLAYGROUND_TOKEN_TTL_SECONDS / 60}-minute development token for its role`,
      `# (caseworker with every area, citizen ${sample?.cpr ?? '(none)'}, screener, auditor).`,
      '# Reload the page for fresh tokens (and the tabs as preloaded).',
    );
  else if (tokens === 'offMachine')
    lines.push(
      "# Tokens are embedded only for a browser on the gateway's machine (localhost).",
      '# Mint one: npm run --silent token -- --role caseworker --areas EMPLOYMENT,HEALTH',
      '# and put {"Authorization": "Bearer <token>"} under Headers.',
    );
  else
    lines.push('# Citizen data needs a token: {"Authorization": "Bearer <token>"} under Headers.');
  return `${lines.join('\n')}\n`;
}

/** Renders the page once (the inlined assets are ~9 MB), with slots for the per-request parts. */
async function renderPage(
  endpoint: string,
  sample: PlaygroundSample | null,
  operationsDir: string,
  today: string,
): Promise<RenderedPage> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const kit = playgroundTabs(readClientOperations(operationsDir), sample, today);
  const tabs: PlaygroundTab[] =
    kit.length > 0
      ? kit
      : [
          {
            name: 'Overview',
            role: 'caseworker',
            query: FALLBACK_QUERY,
            variables: JSON.stringify({ cpr: sample?.cpr ?? CPR_PLACEHOLDER }, null, 2),
          },
        ];
  const options = {
    endpoint,
    title: 'hoi-gateway playground',
    defaultTabs: tabs.map((tab, i) => ({
      query: i === 0 ? `${slot('note')}${tab.query}` : tab.query,
      variables: tab.variables,
      headers: slot(`headers:${tab.role}`),
    })),
    // GraphiQL 5 fills the editors on load with the first tab's query but with these variables
    // and headers (not the tab's), so they repeat the first tab's. New tabs get these headers.
    variables: tabs[0]?.variables,
    headers: slot(`headers:${tabs[0]?.role ?? 'caseworker'}`),
    defaultQuery: '# A new tab: write an operation (Ctrl+Space completes).\n',
    // Tokens stay out of localStorage's saved tabs.
    shouldPersistHeaders: false,
  };
  let html = renderGraphiQL(options);
  // The options are inlined into a <script> by JSON.stringify, which leaves `<` as it is: an
  // operation's comment with `</script>` would end the script. Escape it (still the same JSON).
  const json = JSON.stringify(options);
  const at = html.lastIndexOf(json);
  if (at < 0) throw new Error('renderGraphiQL no longer inlines its options as JSON');
  html = html.slice(0, at) + json.replace(/</g, '\\u003c') + html.slice(at + json.length);
  html = html.replace('<div id="root"></div>', `<div id="root"></div>\n${RELOAD_SCRIPT}`);
  const pieces = html.split(SLOT);
  const parts: Buffer[] = [];
  const slots: string[] = [];
  pieces.forEach((piece, i) =>
    i % 2 === 0 ? parts.push(Buffer.from(piece, 'utf8')) : slots.push(piece),
  );
  return {
    parts,
    slots,
    roles: [...new Set(tabs.map((t) => t.role)), 'caseworker'],
    sample,
  };
}

/** A value as it goes inside a JSON string in the page's script. */
function inJsonString(value: string): Buffer {
  return Buffer.from(JSON.stringify(value).slice(1, -1).replace(/</g, '\\u003c'), 'utf8');
}

/** The headers editor's text for a token. */
function headersWith(token: string): string {
  return JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
}

/**
 * Serves the playground page. The page is rendered on first use (and again each day, for the
 * dates in the variables), not at start: its module (~9 MB of inlined assets) was half of the
 * gateway's start-up work; the sample citizen is found then too. Each request only fills in its
 * tokens (or none).
 */
export function createPlaygroundHandler(options: PlaygroundOptions = {}): RouteHandler {
  const endpoint = options.endpoint ?? '/graphql';
  const minter = options.devTokens ?? null;
  if (options.production && minter !== null)
    throw new Error('the playground never embeds development tokens in production');
  const clock = options.clock ?? (() => new Date());
  const operationsDir = options.operationsDir ?? CLIENT_OPERATIONS_DIR;
  let sample: Promise<PlaygroundSample | null> | undefined;
  let cached: { day: string; page: Promise<RenderedPage> } | undefined;
  const page = (): Promise<RenderedPage> => {
    const day = clock().toISOString().slice(0, 10);
    if (cached?.day !== day) {
      sample ??= options.sample ? findPlaygroundSample(options.sample) : Promise.resolve(null);
      const rendered = sample.then((s) => renderPage(endpoint, s, operationsDir, day));
      // A failure is not kept: the next request tries again.
      rendered.catch(() => {
        if (cached?.page === rendered) cached = undefined;
        sample = undefined;
      });
      cached = { day, page: rendered };
    }
    return cached.page;
  };
  /** The slots' contents for one request: the note, and each role's headers (or none). */
  const fillsFor = async (req: IncomingMessage, rendered: RenderedPage) => {
    const citizen = rendered.sample?.cpr;
    const embed = minter !== null && isLoopbackRequest(req);
    const fills = new Map<string, Buffer>([
      [
        'note',
        inJsonString(note(rendered.sample, embed ? 'embedded' : minter ? 'offMachine' : 'none')),
      ],
    ]);
    await Promise.all(
      rendered.roles.map(async (role) => {
        const token =
          embed && (role !== 'citizen' || citizen !== undefined)
            ? await minter(role, citizen)
            : undefined;
        fills.set(`headers:${role}`, inJsonString(token ? headersWith(token) : ''));
      }),
    );
    return fills;
  };
  return async (req, res) => {
    let body: Buffer;
    try {
      const rendered = await page();
      const fills = await fillsFor(req, rendered);
      const chunks: Buffer[] = [];
      rendered.parts.forEach((part, i) => {
        chunks.push(part);
        const name = rendered.slots[i];
        if (name !== undefined) chunks.push(fills.get(name) ?? Buffer.alloc(0));
      });
      body = Buffer.concat(chunks);
    } catch (err) {
      options.logger?.error({ err }, 'playground: the page could not be rendered');
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('The playground could not be rendered; see the gateway log.');
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      // The page may only talk to this gateway.
      'content-security-policy': PLAYGROUND_CSP,
      // Rendered per request (it may hold tokens): never stored, and no referrer sent.
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  };
}
