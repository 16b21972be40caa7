/**
 * `npm run --silent dataset:sample -- N`: N citizens of the running configuration's dataset
 * (DATASET_SEED, DATASET_CITIZENS, DATASET_REFERENCE_DATE) as JSON lines
 * {"cpr":"…","areas":[…]}, citizens with data in the most areas first (DESIGN §8).
 * `-- N --plans`: N citizens with a demo HOI plan (those `npm start` seeds, PLAN_DEMO_CITIZENS)
 * as {"cpr","areas","planAreas"}, most plan areas first.
 */
import {
  createDataset,
  readDatasetOptions,
  readDemoPlanCitizens,
  sampleCitizens,
  samplePlanHolders,
} from '@hoi/dataset';
import { ConfigError, readEnv } from '@hoi/platform';

const args = process.argv.slice(2);
const plans = args.includes('--plans');
const arg = args.find((a) => a !== '--plans') ?? '10';
if (!/^\d+$/.test(arg) || Number(arg) < 1 || args.length > (plans ? 2 : 1)) {
  console.error(
    `usage: npm run --silent dataset:sample -- N [--plans]   (N a positive integer, got "${args.join(' ')}")`,
  );
  process.exit(2);
}
try {
  const r = readEnv(process.env);
  const options = readDatasetOptions(r);
  const demoLimit = readDemoPlanCitizens(r, r.string('NODE_ENV', 'development') === 'production');
  r.done();
  const dataset = createDataset(options);
  const sample = plans
    ? samplePlanHolders(dataset, Number(arg), demoLimit)
    : sampleCitizens(dataset, Number(arg), (done, total) =>
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
