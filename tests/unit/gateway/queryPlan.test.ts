/**
 * DESIGN §9: the overview's plan has the consent subgraph as its only first hop, then the
 * four index subgraphs fetched together in one parallel step. Checked on the committed plan,
 * not hoped for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, prettyFormatQueryPlan, type PlanNode } from '@apollo/query-planner';
import { parse } from 'graphql';

const supergraph = Supergraph.build(
  readFileSync(new URL('../../../supergraph.graphql', import.meta.url), 'utf8'),
);
const planner = new QueryPlanner(supergraph);

function plan(query: string) {
  return planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
}

function serviceOf(node: PlanNode): string {
  if (node.kind === 'Fetch') return node.serviceName;
  if (node.kind === 'Flatten') return serviceOf(node.node);
  throw new Error(`unexpected ${node.kind}`);
}

describe('the overview query plan', () => {
  it.each([
    [
      'citizen(cpr)',
      '{ citizen(cpr: "010180-1234") { cpr consent { id } access { area } cases { id } benefits { id } interventions { id } employment { contactGroup } } }',
    ],
    [
      'citizens(cprs)',
      '{ citizens(cprs: ["010180-1234"]) { cases { id } benefits { id } interventions { id } employment { contactGroup } } }',
    ],
  ])('%s: consent first, then the four indexes in parallel', (_name, query) => {
    const node = plan(query).node;
    expect(node?.kind, prettyFormatQueryPlan(plan(query))).toBe('Sequence');
    if (node?.kind !== 'Sequence') return;
    const [first, second, ...rest] = node.nodes;
    expect(rest).toHaveLength(0);
    expect(serviceOf(first!)).toBe('consent');
    expect(second?.kind).toBe('Parallel');
    if (second?.kind !== 'Parallel') return;
    expect(second.nodes.map(serviceOf).sort()).toEqual([
      'benefits',
      'cases',
      'employment',
      'interventions',
    ]);
  });
});
