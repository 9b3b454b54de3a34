/**
 * Every error the product reports, declared once with a stable code and its HTTP status. Errors cross threads
 * and HTTP as `{ code, message, details }`. docs/errors.md lists the same codes (a test keeps them in step).
 */
export const ERROR_REGISTRY = {
  TWIN_E_SCHEMA: { status: 400, summary: 'A value has the wrong type or is out of range.' },
  TWIN_E_UNKNOWN_KEY: { status: 400, summary: 'A key that the schema does not know.' },
  TWIN_E_MISSING_KEY: { status: 400, summary: 'A required key is missing.' },
  TWIN_E_UNKNOWN_REFERENCE: {
    status: 422,
    summary: 'An id that refers to nothing (e.g. a routing naming an unknown machine).',
  },
  TWIN_E_DUPLICATE_ID: { status: 422, summary: 'Two records of one kind share an id.' },
  TWIN_E_INCONSISTENT: {
    status: 422,
    summary: 'Values that contradict each other (a due date before the release, min above max).',
  },
  TWIN_E_CYCLE: { status: 422, summary: 'A bill of materials that contains itself.' },
  TWIN_E_YAML_SYNTAX: { status: 400, summary: 'A file that is not valid YAML or JSON.' },
  TWIN_E_FORMAT_VERSION: {
    status: 400,
    summary: 'A file format version that is missing, unknown or newer than this build.',
  },
  TWIN_E_BENCHMARK_FORMAT: {
    status: 400,
    summary: 'A benchmark instance file (OR-Library or .fjs) that does not parse.',
  },
  TWIN_E_FILE: { status: 400, summary: 'A file that cannot be read or whose format cannot be told.' },
  TWIN_E_EDIT: { status: 422, summary: 'A what-if edit that cannot be applied to the model.' },
  TWIN_E_INTERNAL: { status: 500, summary: 'A fault inside the product (a bug): the message says where.' },
  TWIN_E_PLAN_TRANSITION: {
    status: 409,
    summary: 'A plan status change that the plan life cycle does not allow.',
  },
  TWIN_E_NOT_FOUND: {
    status: 404,
    summary: 'An id (job, plan, machine, order, scenario) that does not exist.',
  },
  TWIN_E_UNAUTHORIZED: { status: 401, summary: 'No bearer token, or one that is not known.' },
  TWIN_E_FORBIDDEN: { status: 403, summary: 'A known token whose role may not do this.' },
  TWIN_E_TOO_LARGE: {
    status: 413,
    summary: 'A request over a configured limit (problem size, time budget, body size).',
  },
  TWIN_E_RATE_LIMITED: { status: 429, summary: 'Too many requests from one client in the window.' },
  TWIN_E_CONFIG: { status: 400, summary: 'A configuration file or variable that is invalid.' },
  TWIN_E_CONFLICT: {
    status: 409,
    summary: 'A request that the current state does not allow (dispatching a plan that is not validated).',
  },
  TWIN_E_INFEASIBLE: {
    status: 422,
    summary: 'A scheduling request that no plan can satisfy; the details name each conflict.',
  },
  TWIN_E_HISTORY_UNAVAILABLE: {
    status: 424,
    summary: 'The history database did not answer a query, or answered it with an error.',
  },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof ERROR_REGISTRY;

export interface SerializedError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class TwinError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'TwinError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_REGISTRY[this.code].status;
  }

  /** An error serialised across a thread or a socket, back as a TwinError; an unknown code is internal. */
  static fromJSON(error: { code: string; message: string; details?: unknown }, prefix = ''): TwinError {
    const code = isErrorCode(error.code) ? error.code : 'TWIN_E_INTERNAL';
    return new TwinError(code, `${prefix}${error.message}`, error.details);
  }

  toJSON(): SerializedError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_REGISTRY, value);
}
