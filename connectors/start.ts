// `npm start`: the service with its configuration (TWIN_CONFIG, TWIN_* variables); see connectors/main.ts.
import { TwinError } from '../twin/errors.js';
import { main } from './main.js';

main().catch((err: unknown) => {
  // A configuration problem is the user's to fix: its message says what. Anything else is a fault: show where.
  const text =
    err instanceof TwinError
      ? `${err.message} [${err.code}]`
      : err instanceof Error
        ? String(err.stack)
        : String(err);
  process.stderr.write(`shopfloor-twin: ${text}\n`);
  process.exit(1);
});
