/**
 * Topic patterns: an MQTT topic filter whose wildcards may carry a capture name, e.g. `plant/+line/+asset/+signal`
 * or `site/+asset/#signal`. `+name` matches one level, `#name` the rest (one level or more, last only); a bare `+`
 * or `#` matches without capturing. The captures `asset` and `signal` say which asset and signal a message is for;
 * other names (like `line`) document the topic and are ignored. The subscription filter is the pattern with the
 * names removed.
 */

const CAPTURE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'one'; capture: 'asset' | 'signal' | undefined }
  | { kind: 'rest'; capture: 'asset' | 'signal' | undefined };

/** Where a match writes the captured asset and signal (reused between messages: no allocation per match). */
export interface TopicCaptures {
  asset: string;
  signal: string;
}

export interface TopicPattern {
  readonly pattern: string;
  /** The MQTT subscription filter. */
  readonly filter: string;
  readonly capturesAsset: boolean;
  readonly capturesSignal: boolean;
  /** True when `topic` matches; the captured levels are written into `out` (others are left as they were). */
  match(topic: string, out: TopicCaptures): boolean;
}

/** Parse a pattern; throws with the level and the reason when it is not one. */
export function compileTopicPattern(pattern: string): TopicPattern {
  if (pattern === '') throw new Error('a topic pattern must not be empty');
  const levels = pattern.split('/');
  const segments: Segment[] = [];
  const filter: string[] = [];
  levels.forEach((level, index) => {
    const wildcard = level[0];
    if (wildcard === '+' || wildcard === '#') {
      const name = level.slice(1);
      if (name !== '' && !CAPTURE_NAME.test(name))
        throw new Error(
          `level ${index + 1} of "${pattern}": "${name}" is not a capture name (letters, digits, _)`,
        );
      if (wildcard === '#' && index !== levels.length - 1)
        throw new Error(`level ${index + 1} of "${pattern}": # must be the last level`);
      const capture = name === 'asset' || name === 'signal' ? name : undefined;
      segments.push({ kind: wildcard === '+' ? 'one' : 'rest', capture });
      filter.push(wildcard);
    } else {
      if (level.includes('+') || level.includes('#'))
        throw new Error(`level ${index + 1} of "${pattern}": + and # may only start a level`);
      segments.push({ kind: 'literal', text: level });
      filter.push(level);
    }
  });
  const captures = (name: string): boolean =>
    segments.some((segment) => segment.kind !== 'literal' && segment.capture === name);

  return {
    pattern,
    filter: filter.join('/'),
    capturesAsset: captures('asset'),
    capturesSignal: captures('signal'),
    match(topic, out) {
      let position = 0;
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i] as Segment;
        if (position > topic.length) return false;
        if (segment.kind === 'rest') {
          if (position >= topic.length) return false;
          if (segment.capture) out[segment.capture] = topic.slice(position);
          return true;
        }
        let end = topic.indexOf('/', position);
        if (end < 0) end = topic.length;
        if (segment.kind === 'literal') {
          if (end - position !== segment.text.length || !topic.startsWith(segment.text, position))
            return false;
        } else if (segment.capture) {
          out[segment.capture] = topic.slice(position, end);
        }
        position = end + 1;
      }
      // Every level consumed, and nothing left over.
      return position === topic.length + 1;
    },
  };
}
