/**
 * `npm run --silent dataset:sample -- N`: N citizens of the running configuration's dataset
 * (DATASET_SEED, DATASET_CITIZENS, DATASET_REFERENCE_DATE) as JSON lines
 * {"cpr":"…","areas":[…]}, citizens with data in the most areas first (DESIGN §8).
 */
import { createDataset, readDatasetOptions, sampleCitizens } from '@hoi/dataset';
import { ConfigError, readEnv } from '@hoi/platform';

const arg = process.argv[2] ?? '10';
if (!/^\d+$/.test(arg) || Number(arg) < 1) {
  console.error(
    `usage: npm run --silent dataset:sample -- N   (N a positive integer, got "${arg}")`,
  );
  process.exit(2);
}
try {
  const r = readEnv(process.env);
  const options = readDatasetOptions(r);
  r.done();
  const dataset = createDataset(options);
  const sample = sampleCitizens(dataset, Number(arg), (done, total) =>
    process.stderr.write(`scanned ${done}/${total} citizens\n`),
  );
  process.stdout.write(sample.map((s) => JSON.stringify(s)).join('\n') + '\n');
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
