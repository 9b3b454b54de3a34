/** Placeholder until this part of the viewer is built. */
export function TimeScrubber() {
  return <div data-testid="TimeScrubber" />;
}
