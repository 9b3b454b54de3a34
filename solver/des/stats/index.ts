// Statistics toolkit of the DES kernel: what to collect during a run (Tally, TimeWeighted, Counter) and how
// to put intervals on it (batch means within a run, t intervals across replications).
export { Tally, type TallyOptions } from './tally.js';
export { TimeWeighted, type TimeWeightedOptions } from './time-weighted.js';
export { Counter, type CounterOptions } from './counter.js';
export { batchMeans, type BatchMeansResult } from './batch-means.js';
export { tQuantile, tCdf, normalQuantile } from './student-t.js';
export {
  summarizeReplications,
  compareReplications,
  type ReplicationSummary,
  type Comparison,
} from './replications.js';
