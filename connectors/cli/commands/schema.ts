import type { TSchema } from 'typebox';
import { Observation } from '../../../twin/schema/observation.js';
import { Plan } from '../../../twin/schema/plan.js';
import { Scenario } from '../../../scenarios/schema.js';
import type { CliOutput } from '../output.js';

export const SCHEMAS: Record<string, TSchema> = { scenario: Scenario, plan: Plan, observation: Observation };

/**
 * `twin schema [name]`: the JSON Schema that validation uses, for editors (the YAML language server reads a
 * `# yaml-language-server: $schema=...` comment) and for other systems that write our files.
 */
export function schemaCommand(name: string, io: CliOutput): number {
  const schema = SCHEMAS[name];
  if (!schema) {
    io.err(`twin schema: unknown schema "${name}" (one of: ${Object.keys(SCHEMAS).join(', ')})\n`);
    return 2;
  }
  const document = { $schema: 'http://json-schema.org/draft-07/schema#', title: name, ...schema };
  io.out(`${JSON.stringify(document, null, 2)}\n`);
  return 0;
}
