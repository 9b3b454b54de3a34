// Deterministic names of the model's variables and rows, from job, operation and machine indices, so a model
// reads the same in every run and an LP file can be compared line by line with another.
import type { OpRef } from './problem.js';

export const opTag = (o: OpRef): string => `j${o.job}o${o.op}`;
/** Start time of an operation. */
export const startVar = (o: OpRef): string => `s_j${o.job}_o${o.op}`;
/** 1 if the operation runs on machine m. */
export const assignVar = (o: OpRef, m: number): string => `x_j${o.job}_o${o.op}_m${m}`;
/** 1 if `a` runs before `b` on machine m (`a` is the one with the lower index). */
export const pairVar = (m: number, a: OpRef, b: OpRef): string => `y_m${m}_${opTag(a)}_${opTag(b)}`;
/** 1 if the operation (with its setup) runs after unavailable window `w` of machine m, 0 if before. */
export const windowVar = (o: OpRef, m: number, w: number): string => `w_j${o.job}_o${o.op}_m${m}_u${w}`;
/** Tardiness of job j. */
export const tardinessVar = (job: number): string => `t_j${job}`;
export const MAKESPAN_VAR = 'cmax';
