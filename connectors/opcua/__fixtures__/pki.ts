// Certificate stores for OPC UA tests, kept between runs in the temp folder: creating a key pair costs seconds
// on a busy machine, and the tests are about connections, not about certificate creation. One folder per name;
// give every server and client of every test file a name of its own.
import { tmpdir } from 'node:os';
import path from 'node:path';

export function testPkiFolder(name: string): string {
  return path.join(tmpdir(), 'shopfloor-twin-test-pki', name);
}
