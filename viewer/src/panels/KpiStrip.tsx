/** Placeholder until this part of the viewer is built. */
export function KpiStrip() {
  return <div data-testid="KpiStrip" />;
}
