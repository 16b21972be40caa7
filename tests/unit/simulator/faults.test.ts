/** The simulator's fault profiles: parsing (admin endpoint), the environment, and the dice. */
import { describe, expect, it } from 'vitest';
import {
  decideFault,
  FaultsError,
  HEALTHY,
  loadSimulatorConfig,
  parseFaults,
} from '@hoi/simulator';
import { ConfigError } from '@hoi/platform';

describe('parseFaults', () => {
  it('fills left-out fields from the base profile', () => {
    expect(parseFaults({ latencyMs: 20, errorRate: 0.5 }, HEALTHY)).toEqual({
      ...HEALTHY,
      latencyMs: 20,
      errorRate: 0.5,
    });
    expect(parseFaults({ down: true }, { ...HEALTHY, latencyMs: 5 })).toEqual({
      ...HEALTHY,
      latencyMs: 5,
      down: true,
    });
  });

  it('lists every bad field', () => {
    expect(() =>
      parseFaults({ latencyMs: -1, errorRate: 2, errorStatus: 404, down: 'yes', typo: 1 }, HEALTHY),
    ).toThrow(FaultsError);
    try {
      parseFaults({ latencyMs: -1, errorRate: 2, errorStatus: 404, down: 'yes', typo: 1 }, HEALTHY);
    } catch (e) {
      expect((e as FaultsError).problems).toHaveLength(5);
    }
    expect(() => parseFaults([], HEALTHY)).toThrow(/expected a JSON object/);
  });
});

describe('decideFault', () => {
  it('answers healthy requests after the latency, plus jitter and the slow tail', () => {
    expect(decideFault(HEALTHY)).toEqual({ kind: 'ok', delayMs: 0 });
    expect(
      decideFault({ ...HEALTHY, latencyMs: 20, jitterMs: 10, slowRate: 1, slowMs: 100 }, () => 0.5),
    ).toEqual({ kind: 'ok', delayMs: 125 });
  });

  it('injects each fault at rate 1', () => {
    expect(decideFault({ ...HEALTHY, down: true })).toEqual({ kind: 'drop' });
    expect(decideFault({ ...HEALTHY, errorRate: 1, errorStatus: 500 })).toMatchObject({
      kind: 'error',
      status: 500,
    });
    expect(decideFault({ ...HEALTHY, malformedRate: 1 }).kind).toBe('malformed');
    expect(decideFault({ ...HEALTHY, wrongShapeRate: 1 }).kind).toBe('wrongShape');
    expect(decideFault({ ...HEALTHY, resetRate: 1 }).kind).toBe('reset');
  });
});

describe('loadSimulatorConfig', () => {
  it('reads faults for every source and overrides per source', () => {
    const config = loadSimulatorConfig({
      SIMULATOR_LATENCY_MS: '20',
      SIMULATOR_JITTER_MS: '5',
      SIMULATOR_CASE_INDEX_ERROR_RATE: '0.25',
    });
    expect(config.faults['benefit-index']).toEqual({ ...HEALTHY, latencyMs: 20, jitterMs: 5 });
    expect(config.faults['case-index']).toEqual({
      ...HEALTHY,
      latencyMs: 20,
      jitterMs: 5,
      errorRate: 0.25,
    });
  });

  it('refuses bad values, naming each variable', () => {
    try {
      loadSimulatorConfig({
        SIMULATOR_ERROR_RATE: '2',
        SIMULATOR_LATENCY_MS: 'slow',
        SIMULATOR_PORT: 'x',
      });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const text = (e as ConfigError).problems.join('\n');
      for (const name of ['SIMULATOR_ERROR_RATE', 'SIMULATOR_LATENCY_MS', 'SIMULATOR_PORT'])
        expect(text).toContain(name);
    }
  });
});
